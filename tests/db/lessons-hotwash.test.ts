import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { createDrill } from '../../src/lib/server/drills/create';
import { end, start } from '../../src/lib/server/drills/lifecycle';
import { addObservation } from '../../src/lib/server/drills/observations';
import {
	ConflictError,
	ForbiddenError,
	InvalidInputError,
	NotFoundError
} from '../../src/lib/server/errors';
import {
	answerHotWash,
	assertObservationOfDrill,
	drillFindings,
	loadHotWash,
	setHotWashClose,
	writeSummary
} from '../../src/lib/server/lessons/hot-wash';
import { actor, at, drillWorld, ransomwareDrill, T0, tx, type World } from './drills-fixtures';
import { createTestDatabase } from './test-database';

// The hot wash: opened when a live drill ends (72 h), answered by its participants and
// facilitators while open (one editable response each), summarised, extended or closed by
// the facilitator or a lead; everyone in the drill reads it, nobody else answers it.

let h: DatabaseHandle;
let w: World;
let drillId: string;
const HOUR = 60;

beforeAll(async () => {
	h = await createTestDatabase();
	w = await drillWorld(h.db);
	drillId = await ransomwareDrill(h.db, w);
	await tx(h.db, (trx) => start(trx, actor(w.lead), drillId, at(1)));
	await tx(h.db, (trx) =>
		addObservation(trx, actor(w.lead), drillId, { text: 'Legal was called late.' }, at(5))
	);
	await tx(h.db, (trx) => end(trx, actor(w.lead), drillId, at(10)));
});
afterAll(() => h.close());

const answer = (
	who: World['lead'],
	input: Record<string, unknown>,
	minutes: number,
	id = drillId
) =>
	tx(h.db, (trx) =>
		answerHotWash(
			trx,
			actor(who),
			id,
			{ wentWell: '', wentBadly: '', oneChange: '', ...input },
			at(minutes)
		)
	);

const auditOf = (action: string) =>
	h.db
		.selectFrom('audit_log')
		.select(['action', 'actor_id', 'detail'])
		.where('target_id', '=', drillId)
		.where('action', '=', action)
		.execute();

describe('the hot wash of a live drill', () => {
	it('opens when the drill ends, for 72 hours, and says so in the audit trail', async () => {
		const hw = await loadHotWash(h.db, drillId);
		expect(hw?.openedAt.toISOString()).toBe(at(10).toISOString());
		expect(hw?.closesAt.toISOString()).toBe(at(10 + 72 * HOUR).toISOString());
		expect(hw?.responses).toEqual([]);
		expect(await auditOf('hotwash.opened')).toHaveLength(1);
	});

	it('is not opened for a solo practice, nor while a drill runs', async () => {
		const solo = await tx(h.db, (trx) =>
			createDrill(trx, actor(w.tara), { scenarioId: 'bec-wire-fraud', mode: 'solo' }, T0)
		);
		await tx(h.db, (trx) => start(trx, actor(w.tara), solo.drillId, at(2)));
		await tx(h.db, (trx) => end(trx, actor(w.tara), solo.drillId, at(3)));
		expect(await loadHotWash(h.db, solo.drillId)).toBeNull();
		await expect(answer(w.tara, { wentWell: 'x' }, 4, solo.drillId)).rejects.toThrow(NotFoundError);

		const running = await ransomwareDrill(h.db, w);
		await tx(h.db, (trx) => start(trx, actor(w.lead), running, at(1)));
		expect(await loadHotWash(h.db, running)).toBeNull();
		await expect(answer(w.tara, { wentWell: 'x' }, 2, running)).rejects.toThrow(
			'The hot wash opens when the drill ends.'
		);
	});

	it('takes one response per participant, edited in place while open', async () => {
		await answer(w.tara, { wentWell: 'Fast triage.', wentBadly: 'Legal late.' }, 20);
		await answer(w.sam, { oneChange: 'Call legal at SEV2.' }, 25);
		await answer(w.tara, { wentWell: 'Fast triage.', oneChange: 'A legal on-call rota.' }, 30);
		const hw = await loadHotWash(h.db, drillId);
		expect(hw?.responses.map((r) => [r.name, r.wentWell, r.wentBadly, r.oneChange])).toEqual([
			[w.tara.display_name, 'Fast triage.', '', 'A legal on-call rota.'],
			[w.sam.display_name, '', '', 'Call legal at SEV2.']
		]);
		const tara = hw!.responses[0];
		expect(tara.submittedAt.toISOString()).toBe(at(20).toISOString());
		expect(tara.updatedAt.toISOString()).toBe(at(30).toISOString());
		expect((await auditOf('hotwash.answered')).length).toBe(2);
		expect((await auditOf('hotwash.answer_edited')).length).toBe(1);
	});

	it('lets the facilitator answer too, but not an observer, an outsider or a reader', async () => {
		await answer(w.lead, { wentWell: 'The team kept calm.' }, 31);
		// The auditor observes the drill: reads the hot wash, never answers.
		await expect(answer(w.auditor, { wentWell: 'x' }, 32)).rejects.toThrow(ForbiddenError);
		// A trainee outside the drill is told it does not exist.
		await expect(answer(w.other, { wentWell: 'x' }, 32)).rejects.toThrow(NotFoundError);
		// The admin reads every drill but took no part in this one.
		await expect(answer(w.admin, { wentWell: 'x' }, 32)).rejects.toThrow(ForbiddenError);
	});

	it('refuses empty, oversized and unstorable answers, saving nothing', async () => {
		await expect(answer(w.sam, {}, 33)).rejects.toThrow('Answer at least one of the three');
		await expect(answer(w.sam, { wentWell: 'x'.repeat(4001) }, 33)).rejects.toMatchObject({
			field: 'wentWell'
		});
		await expect(answer(w.sam, { wentBadly: 'a\u0000b' }, 33)).rejects.toMatchObject({
			field: 'wentBadly'
		});
		await expect(answer(w.sam, { oneChange: 42 }, 33)).rejects.toThrow(InvalidInputError);
		const sam = (await loadHotWash(h.db, drillId))!.responses.find((r) => r.userId === w.sam.id);
		expect(sam?.oneChange).toBe('Call legal at SEV2.');
	});

	it('takes a summary from the facilitator or a lead, not from a participant', async () => {
		await tx(h.db, (trx) =>
			writeSummary(trx, actor(w.lead), drillId, 'Escalate to legal sooner.', at(40))
		);
		await expect(
			tx(h.db, (trx) => writeSummary(trx, actor(w.tara), drillId, 'Mine now.', at(41)))
		).rejects.toThrow(ForbiddenError);
		await expect(
			tx(h.db, (trx) => writeSummary(trx, actor(w.auditor), drillId, 'x', at(41)))
		).rejects.toThrow(ForbiddenError);
		// The admin is no member, but holds lessons.edit.
		await tx(h.db, (trx) =>
			writeSummary(trx, actor(w.admin), drillId, 'Escalate to legal at SEV2.', at(42))
		);
		const hw = await loadHotWash(h.db, drillId);
		expect(hw?.summary).toBe('Escalate to legal at SEV2.');
		expect(hw?.summaryBy).toBe(w.admin.display_name);
		expect((await auditOf('hotwash.summary_written')).length).toBe(2);
	});

	it('is extended or closed by the facilitator; afterwards answers are refused with the time', async () => {
		await expect(
			tx(h.db, (trx) => setHotWashClose(trx, actor(w.tara), drillId, 'now', at(50)))
		).rejects.toThrow(ForbiddenError);
		await expect(
			tx(h.db, (trx) => setHotWashClose(trx, actor(w.lead), drillId, at(49), at(50)))
		).rejects.toMatchObject({ field: 'closesAt' });
		await expect(
			tx(h.db, (trx) => setHotWashClose(trx, actor(w.lead), drillId, at(200 * 24 * HOUR), at(50)))
		).rejects.toMatchObject({ field: 'closesAt' });

		await tx(h.db, (trx) =>
			setHotWashClose(trx, actor(w.lead), drillId, at(10 + 96 * HOUR), at(50))
		);
		expect((await loadHotWash(h.db, drillId))?.closesAt.toISOString()).toBe(
			at(10 + 96 * HOUR).toISOString()
		);
		// Past the first 72 hours, still open.
		await answer(w.sam, { oneChange: 'Call legal at SEV2, by phone.' }, 80 * HOUR);

		await tx(h.db, (trx) => setHotWashClose(trx, actor(w.lead), drillId, 'now', at(81 * HOUR)));
		const closedAt = at(81 * HOUR);
		await expect(answer(w.tara, { wentWell: 'late' }, 82 * HOUR)).rejects.toThrow(
			new ConflictError(
				`The hot wash closed at ${closedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`
			)
		);
		await expect(
			tx(h.db, (trx) => setHotWashClose(trx, actor(w.lead), drillId, 'now', at(83 * HOUR)))
		).rejects.toThrow(ConflictError);
		expect((await auditOf('hotwash.extended')).length).toBe(1);
		expect((await auditOf('hotwash.closed')).length).toBe(1);
		// The summary can still be written once it has closed.
		await tx(h.db, (trx) =>
			writeSummary(trx, actor(w.lead), drillId, 'Final: legal on-call rota.', at(84 * HOUR))
		);
	});

	it('opens on request for an ended live drill that has none', async () => {
		const old = await ransomwareDrill(h.db, w);
		await tx(h.db, (trx) => start(trx, actor(w.lead), old, at(1)));
		await tx(h.db, (trx) => end(trx, actor(w.lead), old, at(2)));
		await h.db.deleteFrom('hot_washes').where('drill_id', '=', old).execute();
		await expect(answer(w.tara, { wentWell: 'x' }, 3, old)).rejects.toThrow(ConflictError);
		await tx(h.db, (trx) => setHotWashClose(trx, actor(w.lead), old, at(3 + 24 * HOUR), at(3)));
		await answer(w.tara, { wentWell: 'x' }, 4, old);
		expect((await loadHotWash(h.db, old))?.responses).toHaveLength(1);
	});

	it('knows which observations belong to the drill and which were promoted', async () => {
		const obs = await h.db
			.selectFrom('drill_observations')
			.select('id')
			.where('drill_id', '=', drillId)
			.executeTakeFirstOrThrow();
		await assertObservationOfDrill(h.db, drillId, obs.id);
		const other = await ransomwareDrill(h.db, w);
		await expect(assertObservationOfDrill(h.db, other, obs.id)).rejects.toThrow(NotFoundError);
		await expect(assertObservationOfDrill(h.db, drillId, 'not-a-uuid')).rejects.toThrow(
			NotFoundError
		);
		const f = await h.db
			.insertInto('findings')
			.values({
				kind: 'area_for_improvement',
				drill_id: drillId,
				observation_id: obs.id,
				title: 'Legal was called late',
				observation: 'Legal was called late.',
				created_by: w.lead.id
			})
			.returning(['id', 'number'])
			.executeTakeFirstOrThrow();
		const { findings, promoted } = await drillFindings(h.db, drillId);
		expect(findings.map((x) => x.id)).toEqual([f.id]);
		expect(promoted.get(obs.id)).toEqual({ id: f.id, number: f.number });
	});
});

describe('answers arriving at once', () => {
	it('end as one response per person, whatever the engine', async () => {
		const id = await ransomwareDrill(h.db, w);
		await tx(h.db, (trx) => start(trx, actor(w.lead), id, at(1)));
		await tx(h.db, (trx) => end(trx, actor(w.lead), id, at(2)));
		await Promise.all(
			['one', 'two', 'three', 'four'].map((text, i) =>
				answer(w.tara, { wentWell: text }, 3 + i, id)
			)
		);
		const hw = await loadHotWash(h.db, id);
		expect(hw?.responses).toHaveLength(1);
	});
});
