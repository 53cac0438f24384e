import type { Transaction } from 'kysely';
import { z } from 'zod';
import { channels, promptSchema, type Prompt } from '../../scenarios/schema';
import * as audit from '../audit/log';
import type { Database } from '../db/schema';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors';
import { scenarioTimeAt } from './clock';
import { decideRelease, explainWhen } from './conditions';
import { emit } from './events';
import type { DrillChange } from './lifecycle';
import { answerLookup, loadDrillData, type DrillData } from './load';
import { assertFacilitates, drillTarget, type DrillActor } from './membership';
import { adhocInject, adhocNumber, type AdhocContent } from './msel';
import { recordRelease } from './release';
import { lockDrill, type Drill } from './rows';

// The facilitator's console actions on the MSEL: release an inject now, skip one, or add an
// ad-hoc inject typed at the console (optionally with one prompt of any type).

async function consoleAction(
	trx: Transaction<Database>,
	actor: DrillActor,
	drillId: string,
	what: string
): Promise<{ drill: Drill; data: DrillData }> {
	const drill = await lockDrill(trx, drillId);
	await assertFacilitates(trx, drill, actor, what);
	if (drill.status !== 'running' && drill.status !== 'paused')
		throw new ConflictError(
			drill.status === 'draft' ? 'Start the drill first.' : 'The drill is over.',
			'status'
		);
	return { drill, data: await loadDrillData(trx, drill) };
}

function pendingInject(data: DrillData, injectId: unknown) {
	const entry = typeof injectId === 'string' ? data.msel.inject(injectId) : undefined;
	if (!entry || entry.adhoc) throw new NotFoundError('No such inject in this drill.');
	const row = data.injects.get(entry.inject.id);
	if (row)
		throw new ConflictError(
			`This inject was already ${row.state === 'released' ? 'released' : row.state === 'skipped' ? 'skipped' : 'passed over (not released)'}.`,
			'injectId'
		);
	return entry;
}

/** Releases an upcoming inject now, whatever its offset (and even if its condition is false). */
export async function releaseNow(
	trx: Transaction<Database>,
	actor: DrillActor,
	drillId: string,
	injectId: unknown,
	now: Date
): Promise<DrillChange> {
	const { drill, data } = await consoleAction(trx, actor, drillId, 'release injects');
	const entry = pendingInject(data, injectId);
	const look = answerLookup(data);
	const decision = decideRelease(entry.inject, look);
	const variant = entry.inject.variants.find(
		(v) => decideRelease({ ...entry.inject, when: v.when, variants: [] }, look).release
	);
	const reason = decision.release
		? `released by hand by ${actor.label}`
		: `released by hand by ${actor.label}; its condition was false: ${explainWhen(entry.inject.when!, look)}`;
	const t = scenarioTimeAt(drill.clock, now);
	const seq = await recordRelease(
		trx,
		data,
		entry,
		{ release: true, variantId: decision.release ? decision.variantId : (variant?.id ?? null) },
		t,
		now,
		{ reason }
	);
	await audit.append(trx, actor, 'drill.inject_released', drillTarget(drill.id), {
		injectId: entry.inject.id,
		scheduledMs: entry.atMs,
		scenarioMs: t
	});
	return { seq: seq ?? drill.lastSeq };
}

/** Skips an upcoming inject: it will not be released. */
export async function skip(
	trx: Transaction<Database>,
	actor: DrillActor,
	drillId: string,
	injectId: unknown,
	now: Date
): Promise<DrillChange> {
	const { drill, data } = await consoleAction(trx, actor, drillId, 'skip injects');
	const entry = pendingInject(data, injectId);
	const t = scenarioTimeAt(drill.clock, now);
	const reason = `skipped by ${actor.label}`;
	await trx
		.insertInto('drill_injects')
		.values({
			drill_id: drill.id,
			inject_id: entry.inject.id,
			state: 'skipped',
			scenario_ms: t,
			released_at: now,
			reason
		})
		.execute();
	const seq = await emit(
		trx,
		drill.id,
		'inject.skipped',
		{ injectId: entry.inject.id, reason, scenarioMs: t },
		now
	);
	await audit.append(trx, actor, 'drill.inject_skipped', drillTarget(drill.id), {
		injectId: entry.inject.id
	});
	return { seq };
}

const adhocSchema = z.strictObject({
	title: z.string('give a title').trim().min(1, 'give a title').max(200),
	channel: z.enum(channels, 'choose a channel'),
	from: z.string('say who it is from').trim().min(1, 'say who it is from').max(200),
	body: z.string('write the inject').trim().min(1, 'write the inject').max(20_000),
	to: z.array(z.string()).min(1, 'address it to at least one role'),
	prompt: z.record(z.string(), z.unknown()).nullish()
});

function adhocPrompt(raw: Record<string, unknown>, id: string, data: DrillData): Prompt {
	const parsed = promptSchema.safeParse({ ...raw, id });
	const fail = (message: string, path: PropertyKey[] = []) => {
		throw new InvalidInputError(`Prompt: ${message}`, ['prompt', ...path.map(String)].join('.'));
	};
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return fail(`${issue.path.join('.') || 'prompt'}: ${issue.message}.`, issue.path);
	}
	const p = parsed.data;
	if (!data.scenario.objectives.some((o) => o.id === p.objective))
		fail(`\`${p.objective}\` is not an objective of this scenario.`, ['objective']);
	if (p.type === 'single-choice' || p.type === 'multiple-choice') {
		const ids = p.options.map((o) => o.id);
		if (new Set(ids).size !== ids.length) fail('two options have the same id.', ['options']);
		const correct = p.options.filter((o) => o.correct).length;
		if (correct === 0) fail('mark at least one option correct.', ['options']);
		if (p.type === 'single-choice' && correct > 1)
			fail('a single choice has one correct option.', ['options']);
	}
	if (p.type === 'checklist' && new Set(p.items.map((i) => i.id)).size !== p.items.length)
		fail('two items have the same id.', ['items']);
	if (
		p.type === 'notification' &&
		!data.plan.content.severityScale.some((l) => l.id === p.expectedSeverity)
	)
		fail(`\`${p.expectedSeverity}\` is not a severity of the plan in force.`, ['expectedSeverity']);
	return p;
}

/** Adds and releases an inject typed at the console; its id is adhoc-N, its prompt adhoc-N-q. */
export async function addAdhoc(
	trx: Transaction<Database>,
	actor: DrillActor,
	drillId: string,
	input: unknown,
	now: Date
): Promise<DrillChange & { injectId: string }> {
	const { drill, data } = await consoleAction(trx, actor, drillId, 'add injects');
	const parsed = adhocSchema.safeParse(input);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new InvalidInputError(`${issue.message}.`, issue.path.join('.'));
	}
	const roles = data.scenario.roles.map((r) => r.id);
	for (const r of parsed.data.to)
		if (!roles.includes(r))
			throw new InvalidInputError(
				`\`${r}\` is not a role of this scenario (${roles.join(', ')}).`,
				'to'
			);
	const n =
		Math.max(
			0,
			...[...data.injects.keys()].filter((k) => k.startsWith('adhoc-')).map(adhocNumber)
		) + 1;
	const injectId = `adhoc-${n}`;
	const content: AdhocContent = {
		title: parsed.data.title,
		channel: parsed.data.channel,
		from: parsed.data.from,
		body: parsed.data.body,
		to: [...new Set(parsed.data.to)],
		prompt: parsed.data.prompt ? adhocPrompt(parsed.data.prompt, `${injectId}-q`, data) : null
	};
	const t = scenarioTimeAt(drill.clock, now);
	// The MSEL entry exists once the row does: built the way drillMsel reads it back.
	const entry = { inject: adhocInject(injectId, t, content), atMs: t, adhoc: true };
	data.msel.entries.push(entry);
	const seq = await recordRelease(trx, data, entry, { release: true, variantId: null }, t, now, {
		reason: `added by ${actor.label}`,
		adhoc: content
	});
	await audit.append(trx, actor, 'drill.inject_added', drillTarget(drill.id), {
		injectId,
		title: content.title,
		prompt: content.prompt?.type ?? null
	});
	return { seq: seq!, injectId };
}
