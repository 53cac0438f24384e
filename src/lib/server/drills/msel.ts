import type { Inject, Prompt, Scenario } from '../../scenarios/schema';
import { durationMinutes } from '../../scenarios/schema';
import { isoDuration } from './clock';
import { ms } from './rows';

// A drill's MSEL: the scenario's injects in their order, then the ad-hoc injects the
// facilitator typed at the console (stored in their release rows), in the order added.

/** What the facilitator types for an ad-hoc inject; stored as drill_injects.adhoc. */
export type AdhocContent = {
	title: string;
	channel: Inject['channel'];
	from: string;
	body: string;
	to: string[];
	prompt: Prompt | null;
};

export type MselEntry = {
	inject: Inject;
	/** Scheduled offset in scenario ms (an ad-hoc inject: when it was added). */
	atMs: number;
	adhoc: boolean;
};

export type Msel = {
	entries: MselEntry[];
	inject(injectId: string): MselEntry | undefined;
	/** A prompt by id with the inject that asks it. */
	prompt(promptId: string): { prompt: Prompt; entry: MselEntry } | undefined;
	prompts: { prompt: Prompt; entry: MselEntry }[];
};

export const offsetMs = (inject: Pick<Inject, 'at'>) =>
	Math.round(durationMinutes(inject.at) * 60_000);

export function adhocInject(id: string, at: number, content: AdhocContent): Inject {
	return {
		id,
		at: isoDuration(at),
		title: content.title,
		channel: content.channel,
		from: content.from,
		body: content.body,
		artefacts: [],
		to: content.to,
		variants: [],
		facilitatorNotes: '',
		questions: [],
		prompts: content.prompt ? [content.prompt] : []
	};
}

export function drillMsel(
	scenario: Scenario,
	rows: readonly { inject_id: string; adhoc: unknown; scenario_ms: number | string }[]
): Msel {
	const entries: MselEntry[] = scenario.injects.map((inject) => ({
		inject,
		atMs: offsetMs(inject),
		adhoc: false
	}));
	const adhoc = rows
		.filter((r) => r.adhoc)
		.map((r) => ({ id: r.inject_id, at: ms(r.scenario_ms), content: r.adhoc as AdhocContent }))
		.sort((a, b) => adhocNumber(a.id) - adhocNumber(b.id));
	for (const a of adhoc)
		entries.push({ inject: adhocInject(a.id, a.at, a.content), atMs: a.at, adhoc: true });
	const byId = new Map(entries.map((e) => [e.inject.id, e]));
	const prompts = entries.flatMap((entry) =>
		entry.inject.prompts.map((prompt) => ({ prompt, entry }))
	);
	const promptById = new Map(prompts.map((p) => [p.prompt.id, p]));
	return {
		entries,
		inject: (id) => byId.get(id),
		prompt: (id) => promptById.get(id),
		prompts
	};
}

/** adhoc-3 → 3 */
export const adhocNumber = (injectId: string) => Number(injectId.slice('adhoc-'.length)) || 0;
