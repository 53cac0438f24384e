import fs from 'node:fs';
import path from 'node:path';

// Who may open what. Every route under src/routes needs an entry here: access.spec.ts fails
// for a route without one (and for an entry whose route is gone), so a new page cannot ship
// without someone deciding, role by role, who gets in.
import {
	adminOnly,
	editors,
	everyone,
	expect5,
	placeholderValues,
	readers,
	UNKNOWN_ID,
	UNKNOWN_SECRET,
	type Outcome,
	type Probe,
	type RouteRule,
	type Sample,
	type SampleValues
} from './access-kit';
import { hotWashRules } from './access-rules-hotwash';
import { improvementRules } from './access-rules-improvement';
import { traceRules } from './access-rules-trace';
import { scheduleRules } from './access-rules-schedule';
import { asyncRules, windowDrillProbes } from './access-rules-async';
import { calendarRules } from './access-rules-calendar';
import { programmeRules } from './access-rules-programme';
import { assignmentsRules } from './access-rules-assignments';
import { reportsRules } from './access-rules-reports';
import { auditRules } from './access-rules-audit';

export { placeholderValues };
export type { Outcome, Probe, RouteRule, Sample, SampleValues, Visitor } from './access-kit';

const plan = (v: SampleValues) => `/plans/${v.planId}`;
const version = (v: SampleValues, which: 'approvedId' | 'supersededId' | 'draftId') =>
	`/plans/${v.planId}/versions/${v[which]}`;
const apiVersion = (v: SampleValues, which: 'approvedId' | 'supersededId' | 'draftId') =>
	`/api/v1/plans/${v.planId}/versions/${v[which]}`;

// Built-in scenarios: one solo-ready (trainees may open it), one not.
const SOLO = 'bec-wire-fraud';
const TEAM = 'ransomware-double-extortion';

const scenarioRules: Record<string, RouteRule> = {
	'/scenarios': { sample: '/scenarios', probes: [{ method: 'GET', expect: everyone('ok') }] },
	'/scenarios/coverage': {
		sample: '/scenarios/coverage',
		probes: [{ method: 'GET', expect: readers('ok') }]
	},
	// The format reference: for those who write or review scenarios; trainees write none.
	'/scenarios/format': {
		sample: '/scenarios/format',
		probes: [{ method: 'GET', expect: readers('ok') }]
	},
	'/scenarios/new': {
		sample: '/scenarios/new',
		probes: [
			{ method: 'GET', expect: editors('ok') },
			{
				method: 'POST',
				path: '/scenarios/new?/validate',
				form: { yaml: 'id: x' },
				expect: editors('ok')
			},
			{
				method: 'POST',
				path: '/scenarios/new?/save',
				form: { yaml: 'id: x' },
				expect: editors('invalid')
			}
		]
	},
	'/scenarios/[scenarioId]': {
		sample: `/scenarios/${SOLO}`,
		probes: [
			{ method: 'GET', expect: everyone('ok') },
			{ method: 'GET', path: `/scenarios/${TEAM}`, expect: readers('ok', 'not_found') },
			{
				method: 'GET',
				path: `/scenarios/${TEAM}?view=participant`,
				expect: readers('ok', 'not_found')
			},
			{ method: 'GET', path: '/scenarios/no-such-scenario', expect: everyone('not_found') },
			{
				method: 'GET',
				path: (v) => `/scenarios/${v.customScenarioId}?version=1`,
				expect: readers('ok', 'ok')
			}
		]
	},
	'/scenarios/[scenarioId]/edit': {
		sample: (v) => `/scenarios/${v.customScenarioId}/edit`,
		probes: [
			{ method: 'GET', expect: editors('ok') },
			// Built-in scenarios are read-only in the app.
			{ method: 'GET', path: `/scenarios/${TEAM}/edit`, expect: editors('forbidden') },
			{
				method: 'POST',
				path: (v) => `/scenarios/${v.customScenarioId}/edit?/validate`,
				form: { yaml: 'id: x' },
				expect: editors('ok')
			},
			{
				method: 'POST',
				path: `/scenarios/${TEAM}/edit?/save`,
				form: { yaml: 'id: x' },
				expect: editors('forbidden')
			}
		]
	},
	'/scenarios/[scenarioId]/download': {
		sample: `/scenarios/${TEAM}/download`,
		probes: [{ method: 'GET', expect: readers('ok') }]
	},
	'/api/v1/scenarios': {
		sample: '/api/v1/scenarios',
		probes: [
			{ method: 'GET', expect: everyone('ok', 'unauthorized') },
			{
				method: 'POST',
				json: { yaml: 'not: a scenario' },
				expect: editors('unprocessable', 'forbidden', 'unauthorized')
			},
			// A form where the API takes YAML or JSON: refused before anything else runs.
			{
				method: 'POST',
				form: { yaml: 'not: a scenario' },
				expect: everyone('unsupported_media_type', 'unsupported_media_type')
			}
		]
	},
	'/api/v1/scenarios/validate': {
		sample: '/api/v1/scenarios/validate',
		probes: [
			{
				method: 'POST',
				json: { yaml: 'id: x' },
				expect: editors('ok', 'forbidden', 'unauthorized')
			}
		]
	},
	'/api/v1/scenarios/[scenarioId]': {
		sample: `/api/v1/scenarios/${SOLO}`,
		probes: [
			{ method: 'GET', expect: everyone('ok', 'unauthorized') },
			{
				method: 'GET',
				path: `/api/v1/scenarios/${TEAM}`,
				expect: readers('ok', 'not_found', 'unauthorized')
			}
		]
	}
};

const planRules: Record<string, RouteRule> = {
	'/plans': { sample: '/plans', probes: [{ method: 'GET', expect: everyone('ok') }] },
	'/plans/new': {
		sample: '/plans/new',
		probes: [
			{ method: 'GET', expect: editors('ok') },
			{
				method: 'POST',
				form: { title: '', kind: 'ir-plan', start: 'template' },
				expect: editors('invalid')
			}
		]
	},
	'/plans/[planId]': {
		sample: plan,
		probes: [
			// A trainee is sent on to the version in force.
			{ method: 'GET', expect: readers('ok', 'redirect') },
			{ method: 'GET', path: `/plans/${UNKNOWN_ID}`, expect: readers('not_found', 'not_found') },
			// The demo plan already has an open draft.
			{ method: 'POST', path: (v) => `${plan(v)}?/openDraft`, expect: editors('conflict') },
			{
				method: 'POST',
				path: (v) => `${plan(v)}?/reviewInterval`,
				form: { months: '0' },
				expect: editors('invalid')
			}
		]
	},
	'/plans/[planId]/versions': {
		sample: (v) => `${plan(v)}/versions`,
		probes: [{ method: 'GET', expect: readers('ok') }]
	},
	'/plans/[planId]/versions/[versionId]': {
		sample: (v) => version(v, 'approvedId'),
		probes: [
			{ method: 'GET', expect: everyone('ok') },
			{ method: 'GET', path: (v) => version(v, 'draftId'), expect: readers('ok', 'not_found') },
			{
				method: 'GET',
				path: (v) => version(v, 'supersededId'),
				expect: readers('ok', 'not_found')
			},
			{
				method: 'POST',
				path: (v) => `${version(v, 'draftId')}?/approve`,
				form: { password: 'not my password', comment: '', effectiveDate: '2026-12-01' },
				expect: editors('conflict')
			},
			{
				method: 'POST',
				path: (v) => `${version(v, 'draftId')}?/submit`,
				form: { revision: '0', number: '9.9', changeSummary: 'Stale revision on purpose.' },
				expect: editors('conflict')
			},
			// Only a version in review can be sent back.
			{
				method: 'POST',
				path: (v) => `${version(v, 'draftId')}?/requestChanges`,
				form: { reviewComment: 'Not in review yet.' },
				expect: editors('conflict')
			}
		]
	},
	'/plans/[planId]/versions/[versionId]/edit': {
		sample: (v) => `${version(v, 'draftId')}/edit`,
		probes: [
			{ method: 'GET', expect: editors('ok') },
			{
				method: 'GET',
				path: (v) => `${version(v, 'approvedId')}/edit`,
				expect: editors('conflict')
			},
			{
				method: 'POST',
				path: (v) => `${version(v, 'draftId')}/edit?/add`,
				form: { revision: '0', title: 'Stale', level: '1', after: '' },
				expect: editors('conflict')
			},
			{
				method: 'POST',
				path: (v) => `${version(v, 'draftId')}/edit?/remove`,
				form: { revision: '0', key: 'escalation' },
				expect: editors('conflict')
			},
			{
				method: 'POST',
				path: (v) => `${version(v, 'draftId')}/edit?/move`,
				form: { revision: '0', key: 'escalation', direction: 'up' },
				expect: editors('conflict')
			},
			{
				method: 'POST',
				path: (v) => `${version(v, 'draftId')}/edit?/severity`,
				form: {
					revision: '0',
					'level-0-id': 'SEV1',
					'level-0-name': 'Critical',
					'level-0-criteria': 'x'
				},
				expect: editors('conflict')
			}
		]
	},
	'/plans/[planId]/versions/[versionId]/edit/[sectionKey]': {
		sample: (v) => `${version(v, 'draftId')}/edit/escalation`,
		probes: [
			{ method: 'GET', expect: editors('ok') },
			{
				method: 'GET',
				path: (v) => `${version(v, 'draftId')}/edit/no-such-section`,
				expect: editors('not_found')
			},
			{
				method: 'POST',
				path: (v) => `${version(v, 'draftId')}/edit/escalation?/preview`,
				form: { revision: '1', title: 'Escalation', level: '2', body: '**bold**' },
				expect: editors('ok')
			},
			{
				method: 'POST',
				path: (v) => `${version(v, 'draftId')}/edit/escalation?/save`,
				form: { revision: '0', title: 'Escalation', level: '2', body: 'Stale on purpose.' },
				expect: editors('conflict')
			}
		]
	},
	'/plans/[planId]/versions/[versionId]/matrix': {
		sample: (v) => `${version(v, 'draftId')}/matrix`,
		probes: [
			{ method: 'GET', expect: editors('ok') },
			{
				method: 'GET',
				path: (v) => `${version(v, 'supersededId')}/matrix`,
				expect: editors('conflict')
			},
			{
				method: 'POST',
				path: (v) => `${version(v, 'draftId')}/matrix?/move`,
				form: { revision: '0', key: 'ciso', direction: 'down' },
				expect: editors('conflict')
			}
		]
	},
	'/plans/[planId]/versions/[versionId]/matrix/[rowKey]': {
		sample: (v) => `${version(v, 'draftId')}/matrix/ciso`,
		probes: [
			{ method: 'GET', expect: editors('ok') },
			{
				method: 'GET',
				path: (v) => `${version(v, 'draftId')}/matrix/no-such-row`,
				expect: editors('not_found')
			},
			{
				method: 'GET',
				path: (v) => `${version(v, 'approvedId')}/matrix/ciso`,
				expect: editors('conflict')
			},
			// Adding a stage shows the form again and saves nothing.
			{
				method: 'POST',
				path: (v) => `${version(v, 'draftId')}/matrix/ciso?/change`,
				form: { revision: '0', stakeholder: 'CISO', change: 'add-stage:SEV4' },
				expect: editors('ok')
			},
			// A hand-made form claiming a billion stages is refused before any work.
			{
				method: 'POST',
				path: (v) => `${version(v, 'draftId')}/matrix/ciso?/save`,
				form: { revision: '0', 'sev-SEV1-stage-999999999-name': 'x' },
				expect: editors('invalid')
			},
			{
				method: 'POST',
				path: (v) => `${version(v, 'draftId')}/matrix/ciso?/remove`,
				form: { revision: '0' },
				expect: editors('conflict')
			}
		]
	},
	'/plans/[planId]/versions/[versionId]/matrix/new': {
		sample: (v) => `${version(v, 'draftId')}/matrix/new`,
		probes: [
			{ method: 'GET', expect: editors('ok') },
			{
				method: 'POST',
				path: (v) => `${version(v, 'draftId')}/matrix/new?/change`,
				form: { revision: '0', change: 'add-contact' },
				expect: editors('ok')
			},
			{
				method: 'POST',
				path: (v) => `${version(v, 'draftId')}/matrix/new?/save`,
				form: { revision: '0', stakeholder: '' },
				expect: editors('invalid')
			}
		]
	},
	'/plans/[planId]/versions/[versionId]/export.[format]': {
		sample: (v) => `${version(v, 'approvedId')}/export.md`,
		probes: [
			{ method: 'GET', expect: everyone('ok') },
			{
				method: 'GET',
				path: (v) => `${version(v, 'draftId')}/export.json`,
				expect: readers('ok', 'not_found')
			},
			{
				method: 'GET',
				path: (v) => `${version(v, 'approvedId')}/export.exe`,
				expect: everyone('not_found')
			}
		]
	},
	'/plans/[planId]/versions/[versionId]/notify': {
		sample: (v) => `${version(v, 'approvedId')}/notify?sev=SEV2`,
		probes: [
			{ method: 'GET', expect: everyone('ok') },
			{
				method: 'GET',
				path: (v) => `${version(v, 'draftId')}/notify?sev=SEV1`,
				expect: readers('ok', 'not_found')
			},
			{
				method: 'GET',
				path: (v) => `${plan(v)}/versions/${UNKNOWN_ID}/notify`,
				expect: everyone('not_found')
			}
		]
	},
	'/plans/[planId]/diff': {
		sample: (v) => `${plan(v)}/diff`,
		probes: [
			{ method: 'GET', expect: readers('ok') },
			{
				method: 'GET',
				path: (v) => `${plan(v)}/diff?from=${v.supersededId}&to=${UNKNOWN_ID}`,
				expect: readers('not_found')
			}
		]
	},
	'/plans/[planId]/import': {
		sample: (v) => `${plan(v)}/import`,
		probes: [
			{ method: 'GET', expect: editors('ok') },
			{ method: 'POST', form: { markdown: '' }, expect: editors('invalid') }
		]
	},
	'/api/v1/plans': {
		sample: '/api/v1/plans',
		probes: [{ method: 'GET', expect: everyone('ok', 'unauthorized') }]
	},
	'/api/v1/plans/[planId]/versions': {
		sample: (v) => `/api/v1/plans/${v.planId}/versions`,
		probes: [
			{ method: 'GET', expect: readers('ok', 'forbidden', 'unauthorized') },
			// Opening a second draft: the demo plan already has one.
			{ method: 'POST', expect: editors('conflict', 'forbidden', 'unauthorized') }
		]
	},
	'/api/v1/plans/[planId]/versions/[versionId]': {
		sample: (v) => apiVersion(v, 'approvedId'),
		probes: [
			{ method: 'GET', expect: everyone('ok', 'unauthorized') },
			{
				method: 'GET',
				path: (v) => apiVersion(v, 'draftId'),
				expect: readers('ok', 'not_found', 'unauthorized')
			},
			{ method: 'POST', expect: everyone('method_not_allowed', 'method_not_allowed') },
			// Content that is not a plan: refused, and the approved version is never written.
			{
				method: 'PUT',
				json: { revision: 0, content: {} },
				expect: editors('unprocessable', 'forbidden', 'unauthorized')
			}
		]
	},
	'/api/v1/plans/[planId]/versions/[versionId]/submit': {
		sample: (v) => `${apiVersion(v, 'draftId')}/submit`,
		probes: [
			// A form body where JSON belongs.
			{
				method: 'POST',
				form: { number: '9.9' },
				expect: everyone('unsupported_media_type', 'unsupported_media_type')
			},
			{
				method: 'POST',
				json: { revision: 0, number: '9.9', changeSummary: 'Stale revision on purpose.' },
				expect: editors('conflict', 'forbidden', 'unauthorized')
			}
		]
	},
	'/api/v1/plans/[planId]/diff': {
		sample: (v) => `/api/v1/plans/${v.planId}/diff`,
		probes: [
			{ method: 'GET', expect: readers('invalid', 'forbidden', 'unauthorized') },
			{
				method: 'GET',
				path: (v) => `/api/v1/plans/${v.planId}/diff?from=${v.supersededId}&to=${v.approvedId}`,
				expect: readers('ok', 'forbidden', 'unauthorized')
			}
		]
	}
};

const drill = (v: SampleValues) => `/drills/${v.drillId}`;
const ended = (v: SampleValues) => `/drills/${v.endedDrillId}`;
/** Console actions on an ended drill: only its facilitator (the lead) gets past the gate and
 * the membership check, to be refused by the drill's state. */
const facilitatorOnly = (lead: Outcome) =>
	expect5('login', 'forbidden', lead, 'forbidden', 'forbidden');

const drillRules: Record<string, RouteRule> = {
	'/drills': { sample: '/drills', probes: [{ method: 'GET', expect: everyone('ok') }] },
	'/drills/new': {
		sample: '/drills/new',
		probes: [
			{ method: 'GET', expect: editors('ok') },
			{ method: 'GET', path: `/drills/new?scenario=${TEAM}`, expect: editors('ok') },
			{
				method: 'GET',
				path: '/drills/new?scenario=no-such-scenario',
				expect: editors('not_found')
			},
			{
				method: 'POST',
				form: { scenarioId: SOLO, version: 'one', planVersionId: '', mode: 'live' },
				expect: editors('invalid')
			}
		]
	},
	'/drills/[drillId]': {
		sample: drill,
		probes: [
			// Auditors read ended drills only; a trainee only the drills they are in.
			{ method: 'GET', expect: expect5('login', 'ok', 'ok', 'ok', 'not_found') },
			{ method: 'GET', path: ended, expect: everyone('ok') },
			{
				method: 'GET',
				path: (v) => `/drills/${v.privateDrillId}`,
				expect: expect5('login', 'ok', 'ok', 'not_found', 'not_found')
			},
			{ method: 'GET', path: `/drills/${UNKNOWN_ID}`, expect: everyone('not_found') },
			{ method: 'GET', path: '/drills/not-a-uuid', expect: everyone('not_found') },
			...(['start', 'pause', 'resume', 'end', 'cancel'] as const).map((name): Probe => ({
				method: 'POST',
				path: (v) => `${ended(v)}?/${name}`,
				expect: facilitatorOnly('conflict')
			})),
			// A speed outside the list is refused before anything is read.
			{
				method: 'POST',
				path: (v) => `${ended(v)}?/speed`,
				form: { speed: '7' },
				expect: expect5('login', 'invalid', 'invalid', 'forbidden', 'forbidden')
			},
			...(['releaseNow', 'skip'] as const).map((name): Probe => ({
				method: 'POST',
				path: (v) => `${ended(v)}?/${name}`,
				form: { injectId: 'supplier-chases' },
				expect: facilitatorOnly('conflict')
			})),
			{
				method: 'POST',
				path: (v) => `${ended(v)}?/adhoc`,
				form: { title: 'x', channel: 'email', from: 'x', body: 'x', to: 'ic' },
				expect: facilitatorOnly('conflict')
			},
			{
				method: 'POST',
				path: (v) => `${ended(v)}?/closePrompt`,
				form: { promptId: 'q-first' },
				expect: facilitatorOnly('conflict')
			},
			{
				method: 'POST',
				path: (v) => `${ended(v)}?/grade`,
				form: { promptId: 'no-such-prompt', level: 'x' },
				expect: facilitatorOnly('not_found')
			},
			{
				method: 'POST',
				path: (v) => `${ended(v)}?/overrideScore`,
				form: { promptId: 'no-such-prompt', points: '1', reason: 'A test.' },
				expect: facilitatorOnly('not_found')
			},
			{
				method: 'POST',
				path: (v) => `${ended(v)}?/observe`,
				form: { text: '' },
				expect: facilitatorOnly('invalid')
			},
			// Nothing is answered or acknowledged before the drill starts.
			{
				method: 'POST',
				path: (v) => `${drill(v)}?/answer`,
				form: { promptId: 'q-first', promptType: 'single-choice', option: 'bank-now' },
				expect: expect5('login', 'forbidden', 'conflict', 'conflict', 'forbidden')
			},
			{
				method: 'POST',
				path: (v) => `${drill(v)}?/ack`,
				form: { injectId: 'supplier-chases' },
				expect: expect5('login', 'forbidden', 'forbidden', 'conflict', 'forbidden')
			},
			// Solo controls: the lead runs this live drill, which does not move at its own pace.
			{
				method: 'POST',
				path: (v) => `${drill(v)}?/continue`,
				expect: expect5('login', 'forbidden', 'conflict', 'forbidden', 'forbidden')
			},
			{
				method: 'POST',
				path: (v) => `${ended(v)}?/endPractice`,
				expect: expect5('login', 'forbidden', 'conflict', 'forbidden', 'forbidden')
			},
			...windowDrillProbes
		]
	},
	'/drills/[drillId]/edit': {
		sample: (v) => `${drill(v)}/edit`,
		probes: [
			// Only a facilitator of the drill edits it, and only while it is a draft.
			{ method: 'GET', expect: expect5('login', 'forbidden', 'ok', 'forbidden', 'forbidden') },
			{
				method: 'GET',
				path: (v) => `${ended(v)}/edit`,
				expect: facilitatorOnly('conflict')
			},
			{
				method: 'GET',
				path: `/drills/${UNKNOWN_ID}/edit`,
				expect: expect5('login', 'not_found', 'not_found', 'forbidden', 'forbidden')
			},
			{
				method: 'POST',
				path: (v) => `${ended(v)}/edit`,
				form: { title: 'Renamed after the end', mode: 'live', planVersionId: '' },
				expect: facilitatorOnly('conflict')
			},
			// A draft left without participants is refused on the form; nothing is saved.
			{
				method: 'POST',
				form: { title: 'Nobody in it', mode: 'live', planVersionId: '' },
				expect: facilitatorOnly('invalid')
			}
		]
	},
	'/drills/[drillId]/results': {
		sample: (v) => `${ended(v)}/results`,
		probes: [
			{ method: 'GET', expect: everyone('ok') },
			// A participant sees "after the end" and nothing else while it runs.
			{
				method: 'GET',
				path: (v) => `${drill(v)}/results`,
				expect: expect5('login', 'ok', 'ok', 'ok', 'not_found')
			},
			{
				method: 'POST',
				path: (v) => `${ended(v)}/results?/rate`,
				form: { objectiveId: 'obj-recall', rating: 'P', reason: '' },
				expect: facilitatorOnly('invalid')
			},
			{
				method: 'POST',
				path: (v) => `${ended(v)}/results?/overrideScore`,
				form: { promptId: 'no-such-prompt', points: '1', reason: 'A test.' },
				expect: facilitatorOnly('not_found')
			}
		]
	},
	'/drills/[drillId]/results.[format]': {
		sample: (v) => `${ended(v)}/results.csv`,
		probes: [
			{ method: 'GET', expect: everyone('ok') },
			{
				method: 'GET',
				path: (v) => `${drill(v)}/results.json`,
				expect: expect5('login', 'ok', 'ok', 'not_found', 'not_found')
			},
			{ method: 'GET', path: (v) => `${ended(v)}/results.exe`, expect: everyone('not_found') }
		]
	},
	'/drills/[drillId]/events': {
		sample: (v) => `${drill(v)}/events`,
		probes: [
			{ method: 'GET', stream: true, expect: expect5('login', 'ok', 'ok', 'ok', 'not_found') },
			{
				method: 'GET',
				stream: true,
				path: (v) => `/drills/${v.privateDrillId}/events`,
				expect: expect5('login', 'ok', 'ok', 'not_found', 'not_found')
			}
		]
	},
	'/practice': {
		sample: '/practice',
		probes: [
			{ method: 'GET', expect: expect5('login', 'ok', 'ok', 'ok', 'forbidden') },
			{
				method: 'POST',
				path: '/practice?/start',
				form: { scenarioId: 'no-such-scenario' },
				expect: expect5('login', 'not_found', 'not_found', 'not_found', 'forbidden')
			},
			// A scenario that needs a facilitator: not solo-ready (and not in a trainee's library).
			{
				method: 'POST',
				path: '/practice?/start',
				form: { scenarioId: TEAM },
				expect: expect5('login', 'invalid', 'invalid', 'not_found', 'forbidden')
			}
		]
	}
};

const apiDrill = (v: SampleValues) => `/api/v1/drills/${v.drillId}`;
const apiEnded = (v: SampleValues) => `/api/v1/drills/${v.endedDrillId}`;
const apiPrivate = (v: SampleValues) => `/api/v1/drills/${v.privateDrillId}`;
/** The API's answer to a visitor let through the gate: anonymous callers get 401. */
const api5 = (admin: Outcome, lead: Outcome, trainee: Outcome, auditor: Outcome) =>
	expect5('unauthorized', admin, lead, trainee, auditor);
const AN_ANSWER = { promptId: 'q-first', answer: { option: 'bank-now' } };

const drillApiRules: Record<string, RouteRule> = {
	'/api/v1/drills': {
		sample: '/api/v1/drills',
		probes: [
			{ method: 'GET', expect: everyone('ok', 'unauthorized') },
			{
				method: 'GET',
				path: '/api/v1/drills?status=sideways',
				expect: everyone('unprocessable', 'unauthorized')
			},
			// Leads and admins create live drills; trainees only their own solo practice.
			{
				method: 'POST',
				json: { scenarioId: 'no-such-scenario', mode: 'live' },
				expect: api5('not_found', 'not_found', 'forbidden', 'forbidden')
			},
			// Not solo-ready: a trainee's library does not even hold it.
			{
				method: 'POST',
				json: { scenarioId: TEAM, mode: 'solo' },
				expect: api5('invalid', 'invalid', 'not_found', 'forbidden')
			},
			{
				method: 'POST',
				json: { scenarioId: SOLO, mode: 'live', colour: 'red' },
				expect: api5('unprocessable', 'unprocessable', 'unprocessable', 'forbidden')
			},
			// A form where the API takes JSON: refused before anything else runs.
			{
				method: 'POST',
				form: { scenarioId: SOLO },
				expect: everyone('unsupported_media_type', 'unsupported_media_type')
			}
		]
	},
	'/api/v1/drills/[drillId]': {
		sample: apiDrill,
		probes: [
			{ method: 'GET', expect: api5('ok', 'ok', 'ok', 'not_found') },
			{ method: 'GET', path: apiEnded, expect: everyone('ok', 'unauthorized') },
			{ method: 'GET', path: apiPrivate, expect: api5('ok', 'ok', 'not_found', 'not_found') },
			{
				method: 'GET',
				path: `/api/v1/drills/${UNKNOWN_ID}`,
				expect: everyone('not_found', 'unauthorized')
			},
			{
				method: 'GET',
				path: '/api/v1/drills/not-a-uuid',
				expect: everyone('not_found', 'unauthorized')
			},
			{ method: 'DELETE', expect: everyone('method_not_allowed', 'method_not_allowed') }
		]
	},
	'/api/v1/drills/[drillId]/[action]': {
		sample: (v) => `${apiEnded(v)}/start`,
		probes: [
			// Only the drill's facilitator (the lead) gets through, to be refused by its state.
			...(['start', 'pause', 'resume', 'end'] as const).map((name): Probe => ({
				method: 'POST',
				path: (v) => `${apiEnded(v)}/${name}`,
				expect: api5('forbidden', 'conflict', 'forbidden', 'forbidden')
			})),
			{
				method: 'POST',
				path: (v) => `${apiEnded(v)}/speed`,
				json: { speed: 60 },
				expect: api5('forbidden', 'conflict', 'forbidden', 'forbidden')
			},
			// A speed outside the list is refused before anything else is looked at.
			{
				method: 'POST',
				path: (v) => `${apiEnded(v)}/speed`,
				json: { speed: 7 },
				expect: api5('invalid', 'invalid', 'invalid', 'forbidden')
			},
			// A draft cannot be paused; a drill the trainee is not in does not exist for them.
			{
				method: 'POST',
				path: (v) => `${apiPrivate(v)}/pause`,
				expect: api5('forbidden', 'conflict', 'not_found', 'forbidden')
			},
			{
				method: 'POST',
				path: (v) => `${apiEnded(v)}/fly`,
				expect: api5('not_found', 'not_found', 'not_found', 'forbidden')
			},
			{ method: 'GET', expect: everyone('method_not_allowed', 'method_not_allowed') }
		]
	},
	'/api/v1/drills/[drillId]/answers': {
		sample: (v) => `${apiDrill(v)}/answers`,
		probes: [
			// Nothing is answered before the drill starts; the admin is not in it.
			{
				method: 'POST',
				json: AN_ANSWER,
				expect: api5('forbidden', 'conflict', 'conflict', 'forbidden')
			},
			{
				method: 'POST',
				path: (v) => `${apiPrivate(v)}/answers`,
				json: AN_ANSWER,
				expect: api5('conflict', 'conflict', 'not_found', 'forbidden')
			},
			// Nor after it ends; auditors never answer.
			{
				method: 'POST',
				path: (v) => `${apiEnded(v)}/answers`,
				json: AN_ANSWER,
				expect: api5('forbidden', 'conflict', 'conflict', 'forbidden')
			},
			{
				method: 'POST',
				json: { promptId: 'q-first' },
				expect: api5('unprocessable', 'unprocessable', 'unprocessable', 'forbidden')
			}
		]
	},
	'/api/v1/drills/[drillId]/events': {
		sample: (v) => `${apiDrill(v)}/events`,
		probes: [
			{ method: 'GET', stream: true, expect: api5('ok', 'ok', 'ok', 'not_found') },
			{
				method: 'GET',
				stream: true,
				path: (v) => `${apiPrivate(v)}/events`,
				expect: api5('ok', 'ok', 'not_found', 'not_found')
			},
			{
				method: 'GET',
				stream: true,
				path: (v) => `${apiEnded(v)}/events`,
				expect: everyone('ok', 'unauthorized')
			}
		]
	},
	'/api/v1/drills/[drillId]/results': {
		sample: (v) => `${apiEnded(v)}/results`,
		probes: [
			{ method: 'GET', expect: everyone('ok', 'unauthorized') },
			// A participant sees the results once the drill has ended.
			{
				method: 'GET',
				path: (v) => `${apiDrill(v)}/results`,
				expect: api5('ok', 'ok', 'not_found', 'not_found')
			},
			// The admin takes part in this one: as a participant, no results before the end.
			{
				method: 'GET',
				path: (v) => `${apiPrivate(v)}/results`,
				expect: api5('not_found', 'ok', 'not_found', 'not_found')
			}
		]
	},
	'/api/v1/drills/[drillId]/results.csv': {
		sample: (v) => `${apiEnded(v)}/results.csv`,
		probes: [
			{ method: 'GET', expect: everyone('ok', 'unauthorized') },
			{
				method: 'GET',
				path: (v) => `${apiDrill(v)}/results.csv`,
				expect: api5('ok', 'ok', 'not_found', 'not_found')
			}
		]
	}
};

export const accessRules: Record<string, RouteRule> = {
	'/': {
		sample: '/',
		probes: [
			{
				method: 'GET',
				expect: everyone('ok')
			}
		]
	},
	'/account': {
		sample: '/account',
		probes: [
			{
				method: 'GET',
				expect: everyone('ok')
			},
			{
				method: 'POST',
				path: '/account?/createToken',
				form: { name: '' },
				expect: everyone('invalid')
			},
			// Another user's session or token does not exist for you.
			{
				method: 'POST',
				path: '/account?/endSession',
				form: { id: 'no-such-session' },
				expect: everyone('not_found')
			},
			{
				method: 'POST',
				path: '/account?/createToken',
				form: { name: 'too long-lived', expires: '3650' },
				expect: everyone('invalid')
			},
			// Ends only the caller's other sessions: the stored one the tests use stays.
			{
				method: 'POST',
				path: '/account?/endOtherSessions',
				form: {},
				expect: everyone('ok')
			},
			{
				method: 'POST',
				path: '/account?/revokeToken',
				form: { id: UNKNOWN_ID },
				expect: everyone('not_found')
			}
		]
	},
	'/account/password': {
		sample: '/account/password',
		probes: [
			{
				method: 'GET',
				expect: everyone('ok')
			},
			{
				method: 'POST',
				form: { current: '', password: '', confirm: '' },
				expect: everyone('invalid')
			}
		]
	},
	'/admin/users': {
		sample: '/admin/users',
		probes: [
			{
				method: 'GET',
				expect: adminOnly('ok')
			}
		]
	},
	'/admin/users/new': {
		sample: '/admin/users/new',
		probes: [
			{
				method: 'GET',
				expect: adminOnly('ok')
			},
			{
				method: 'POST',
				form: { email: 'not an address', displayName: '', role: 'admin', method: 'password' },
				expect: adminOnly('invalid')
			}
		]
	},
	'/admin/users/[id]': {
		sample: ({ traineeId }) => `/admin/users/${traineeId}`,
		probes: [
			{
				method: 'GET',
				expect: adminOnly('ok')
			},
			{
				method: 'GET',
				path: `/admin/users/${UNKNOWN_ID}`,
				expect: adminOnly('not_found')
			},
			{
				method: 'POST',
				path: ({ traineeId }) => `/admin/users/${traineeId}?/changeRole`,
				form: { role: 'overlord' },
				expect: adminOnly('invalid')
			},
			{
				method: 'POST',
				path: `/admin/users/${UNKNOWN_ID}?/disable`,
				expect: adminOnly('not_found')
			},
			{
				method: 'POST',
				path: `/admin/users/${UNKNOWN_ID}?/enable`,
				expect: adminOnly('not_found')
			},
			{
				method: 'POST',
				path: `/admin/users/${UNKNOWN_ID}?/resetPassword`,
				expect: adminOnly('not_found')
			},
			{
				method: 'POST',
				path: `/admin/users/${UNKNOWN_ID}?/invite`,
				expect: adminOnly('not_found')
			}
		]
	},
	'/login': {
		sample: '/login',
		probes: [
			{
				method: 'GET',
				expect: everyone('home', 'ok')
			},
			// An empty form is refused before any password is checked or counted; somebody
			// already signed in is sent home, as by the page.
			{
				method: 'POST',
				form: { email: '', password: '' },
				expect: everyone('home', 'invalid')
			}
		]
	},
	'/setup': {
		sample: '/setup',
		probes: [
			{
				method: 'GET',
				expect: everyone('not_found', 'not_found')
			},
			{
				method: 'GET',
				path: `/setup?token=${UNKNOWN_SECRET}`,
				expect: everyone('not_found', 'not_found')
			},
			{
				// A complete, valid form: only the missing setup link may stop it.
				method: 'POST',
				path: '/setup',
				form: {
					token: UNKNOWN_SECRET,
					email: 'intruder@e2e.example',
					displayName: 'Intruder',
					password: 'a perfectly long passphrase'
				},
				expect: everyone('not_found', 'not_found')
			}
		]
	},
	'/invite/[token]': {
		sample: `/invite/${UNKNOWN_SECRET}`,
		probes: [
			{
				method: 'GET',
				expect: everyone('not_found', 'not_found')
			},
			{
				method: 'POST',
				form: { password: 'a perfectly long passphrase', confirm: 'a perfectly long passphrase' },
				expect: everyone('not_found', 'not_found')
			}
		]
	},
	'/logout': {
		sample: '/logout',
		probes: [
			{
				method: 'GET',
				expect: everyone('method_not_allowed', 'method_not_allowed')
			},
			{
				method: 'POST',
				endsSession: true,
				expect: everyone('login')
			}
		]
	},
	'/healthz': {
		sample: '/healthz',
		probes: [
			{
				method: 'GET',
				expect: everyone('ok', 'ok')
			}
		]
	},
	'/api/v1/me': {
		sample: '/api/v1/me',
		probes: [
			{
				method: 'GET',
				expect: everyone('ok', 'unauthorized')
			},
			{
				method: 'POST',
				expect: everyone('method_not_allowed', 'method_not_allowed')
			}
		]
	}
};

Object.assign(
	accessRules,
	planRules,
	scenarioRules,
	drillRules,
	drillApiRules,
	improvementRules,
	hotWashRules,
	traceRules,
	scheduleRules,
	asyncRules,
	calendarRules,
	programmeRules,
	assignmentsRules,
	reportsRules,
	auditRules
);

export function resolveSample(sample: Sample, values: SampleValues): string {
	return typeof sample === 'function' ? sample(values) : sample;
}

const ROUTE_FILE = /^\+(page(\.server)?|server)\.(svelte|ts|js)$/;

/**
 * Every route id under a routes folder, the way SvelteKit names them: the folder path with
 * (group) segments left out. A folder is a route when it holds a page or an endpoint.
 */
export function discoverRouteIds(routesDir: string): string[] {
	const ids = new Set<string>();
	const walk = (dir: string, segments: string[]) => {
		const entries = fs.readdirSync(dir, { withFileTypes: true });
		if (entries.some((e) => e.isFile() && ROUTE_FILE.test(e.name))) {
			ids.add('/' + segments.filter((s) => !/^\(.+\)$/.test(s)).join('/'));
		}
		for (const e of entries) {
			if (e.isDirectory()) walk(path.join(dir, e.name), [...segments, e.name]);
		}
	};
	walk(routesDir, []);
	return [...ids].sort();
}

export type Endpoint = { routeId: string; kind: 'action' | 'method'; name: string };

/**
 * Every form action (`export const actions = { name: … }` in +page.server.ts) and every HTTP
 * method a +server.ts exports, by route id, read from the source so that a new one cannot
 * ship without an access rule.
 */
export function discoverEndpoints(routesDir: string): Endpoint[] {
	const found: Endpoint[] = [];
	const walk = (dir: string, segments: string[]) => {
		const routeId = '/' + segments.filter((s) => !/^\(.+\)$/.test(s)).join('/');
		for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
			const file = path.join(dir, e.name);
			if (e.isDirectory()) walk(file, [...segments, e.name]);
			else if (/^\+page\.server\.(ts|js)$/.test(e.name))
				for (const name of actionNames(fs.readFileSync(file, 'utf8')))
					found.push({ routeId, kind: 'action', name });
			else if (/^\+server\.(ts|js)$/.test(e.name))
				for (const m of fs
					.readFileSync(file, 'utf8')
					.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g))
					found.push({ routeId, kind: 'method', name: m[1] });
		}
	};
	walk(routesDir, []);
	return found;
}

/** The keys of a route's `actions` object: the lines one tab in, up to its closing brace. */
function actionNames(source: string): string[] {
	const start = source.search(/export const actions\b[^=]*=\s*\{/);
	if (start < 0) return [];
	const body = source.slice(start).split('\n').slice(1);
	const names: string[] = [];
	for (const line of body) {
		if (/^\}/.test(line)) break;
		const m =
			/^\t([A-Za-z][A-Za-z0-9]*)\s*:/.exec(line) ?? /^\t([A-Za-z][A-Za-z0-9]*),?$/.exec(line);
		if (m) names.push(m[1]);
	}
	return names;
}
