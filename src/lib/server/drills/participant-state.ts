import type { Kysely } from 'kysely';
import type { MatrixRow } from '../../plans/content';
import { appliesWhenInWords, onlyWhenInWords, stageInWords } from '../../plans/matrix-words';
import type { Database } from '../db/schema';
import { NotFoundError } from '../errors';
import { loadAcks } from './clocks';
import {
	participantInject,
	type ParticipantInject,
	type ParticipantPrompt
} from './participant-view';
import { drillPeople } from './people';
import {
	header,
	loadFor,
	teamAnswer,
	timing,
	type DrillHeader,
	type PromptTiming,
	type TeamAnswer
} from './state-common';

// The participant's view (also an observer's): what was released, the team's answers, time
// left, the plan's matrix to pick stakeholders from. Never facilitator notes, expectations
// before a prompt closes, branch conditions, or anything upcoming (not even when it is due).

export type ParticipantPromptState = ParticipantPrompt & {
	timing: PromptTiming;
	/** Whether this viewer may answer it now (their roles, the prompt open, the drill running). */
	canAnswer: boolean;
	answer: TeamAnswer | null;
};

export type ParticipantFeedItem = Omit<ParticipantInject, 'prompts'> & {
	acked: boolean;
	/** Addressed to one of this viewer's roles. */
	forMe: boolean;
	prompts: ParticipantPromptState[];
};

/** A matrix row as the team picks stakeholders from it: who, how reached, by when. */
export type MatrixChoice = {
	key: string;
	stakeholder: string;
	audience: MatrixRow['audience'];
	notifier: string;
	channels: string[];
	appliesWhen: string;
	onlyWhen: string;
	/** By severity id: the stages in words, or null when not notified at that level. */
	deadlines: Record<string, string[] | null>;
};

export type ParticipantState = DrillHeader & {
	me: { userId: string; roles: string[]; participant: boolean };
	severityScale: { id: string; name: string; criteria: string }[];
	matrix: MatrixChoice[];
	/** Released injects, oldest first. */
	feed: ParticipantFeedItem[];
};

function matrixChoice(row: MatrixRow, levels: string[]): MatrixChoice {
	const channels = [
		...new Set(
			row.contacts.flatMap((c) => [
				c.email ? 'email' : '',
				c.phone ? 'phone' : '',
				c.outOfBand ? `out of band: ${c.outOfBand}` : ''
			])
		)
	].filter(Boolean);
	return {
		key: row.key,
		stakeholder: row.stakeholder,
		audience: row.audience,
		notifier: row.notifier,
		channels,
		appliesWhen: appliesWhenInWords(row.appliesWhen),
		onlyWhen: onlyWhenInWords(row.onlyWhen),
		deadlines: Object.fromEntries(
			levels.map((l) => {
				const rule = row.notifications[l];
				return [l, rule?.notify ? rule.stages.map(stageInWords) : null];
			})
		)
	};
}

/**
 * What a participant (or observer) may see of the drill. Throws NotFoundError when the user
 * is not a participant or observer of it.
 */
export async function participantState(
	db: Kysely<Database>,
	drillId: string,
	userId: string,
	now: Date
): Promise<ParticipantState> {
	const data = await loadFor(db, drillId);
	const member = (await drillPeople(db, drillId)).find((p) => p.userId === userId);
	if (!member || member.kind === 'facilitator') throw new NotFoundError('No such drill.');
	const acked = new Set(
		(await loadAcks(db, drillId)).filter((a) => a.userId === userId).map((a) => a.injectId)
	);
	const running = data.drill.status === 'running';
	const participant = member.kind === 'participant';
	const released = data.msel.entries
		.map((entry) => ({ entry, row: data.injects.get(entry.inject.id) }))
		.filter((x) => x.row?.state === 'released')
		.sort(
			(a, b) =>
				a.row!.scenarioMs - b.row!.scenarioMs ||
				a.row!.released_at.getTime() - b.row!.released_at.getTime()
		);
	const feed = released.map(({ entry, row }): ParticipantFeedItem => {
		const forMe = entry.inject.to.some((r) => member.roles.includes(r));
		const view = participantInject(
			entry.inject,
			{ variantId: row!.variant_id, scenarioMs: row!.scenarioMs, releasedAt: row!.released_at },
			(id) => !timing(data, id, now).open
		);
		return {
			...view,
			acked: acked.has(entry.inject.id),
			forMe,
			prompts: view.prompts.map((p) => {
				const t = timing(data, p.id, now);
				return {
					...p,
					timing: t,
					canAnswer: participant && forMe && running && t.open,
					answer: teamAnswer(data, p.id)
				};
			})
		};
	});
	const levels = data.plan.content.severityScale.map((l) => l.id);
	return {
		...header(data, now),
		me: { userId, roles: member.roles, participant },
		severityScale: data.plan.content.severityScale.map((l) => ({
			id: l.id,
			name: l.name,
			criteria: l.criteria
		})),
		matrix: data.plan.content.matrix.map((r) => matrixChoice(r, levels)),
		feed
	};
}
