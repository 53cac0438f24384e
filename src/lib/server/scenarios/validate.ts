import type { MatrixRow } from '../../plans/content';
import { attackVersion, techniqueInfo } from '../../scenarios/attack';
import { durationMinutes, scenarioSchema, type Scenario, type When } from '../../scenarios/schema';
import { promptChecks } from './prompt-checks';
import { context, schemaProblems, type Path } from './schema-messages';
import { parseScenarioYaml, type Problem, type YamlSource } from './yaml-source';

export type { Problem };

/** What the scenario may refer to outside itself; unknown references are warnings. */
export type PlanReference = {
	sectionKeys: Set<string>;
	matrixKeys: Set<string>;
	severityIds: Set<string>;
	/** The matrix, to tell which stakeholders a notification prompt's facts already require. */
	matrix: MatrixRow[];
};

export type ValidationResult = {
	scenario: Scenario | null;
	errors: Problem[];
	warnings: Problem[];
};

/** Checks that need the whole scenario: ids, references, branch logic, time order. */
function crossChecks(s: Scenario, source: YamlSource, plan: PlanReference | null) {
	const errors: Problem[] = [];
	const warnings: Problem[] = [];
	const err = (path: Path, message: string, key?: string) => {
		const where = context(source.data, path);
		errors.push({
			...source.position(path, key),
			message: where ? `${where}: ${message}` : message
		});
	};
	const warn = (path: Path, message: string) => {
		const where = context(source.data, path);
		warnings.push({ ...source.position(path), message: where ? `${where}: ${message}` : message });
	};
	const unique = (ids: { id: string; path: Path }[], what: string) => {
		const seen = new Set<string>();
		for (const { id, path } of ids) {
			if (seen.has(id)) err([...path, 'id'], `${what} id \`${id}\` is used twice`);
			seen.add(id);
		}
	};

	unique(
		s.roles.map((r, i) => ({ id: r.id, path: ['roles', i] })),
		'role'
	);
	unique(
		s.objectives.map((o, i) => ({ id: o.id, path: ['objectives', i] })),
		'objective'
	);
	unique(
		s.injects.map((x, i) => ({ id: x.id, path: ['injects', i] })),
		'inject'
	);
	const allPrompts = s.injects.flatMap((x, i) =>
		x.prompts.map((p, j) => ({
			prompt: p,
			inject: x,
			injectIndex: i,
			path: ['injects', i, 'prompts', j] as Path
		}))
	);
	unique(
		allPrompts.map(({ prompt, path }) => ({ id: prompt.id, path })),
		'prompt'
	);

	const roleIds = new Set(s.roles.map((r) => r.id));
	const objectiveIds = new Set(s.objectives.map((o) => o.id));
	const promptById = new Map(allPrompts.map((p) => [p.prompt.id, p]));
	const minutes = durationMinutes(s.duration);

	s.injects.forEach((x, i) => {
		const at = durationMinutes(x.at);
		x.to.forEach((r, k) => {
			if (!roleIds.has(r))
				err(['injects', i, 'to', k], `\`to\` names role \`${r}\`, which is not in \`roles\``);
		});
		if (at > minutes)
			err(
				['injects', i, 'at'],
				`\`at\` ${x.at} is after the scenario's estimated duration ${s.duration}`
			);
		if (i > 0 && at < durationMinutes(s.injects[i - 1].at))
			err(
				['injects', i, 'at'],
				`\`at\` ${x.at} is earlier than the inject before it (${s.injects[i - 1].at}); list injects in time order`
			);
		unique(
			x.variants.map((v, k) => ({ id: v.id, path: ['injects', i, 'variants', k] })),
			'variant'
		);

		x.prompts.forEach((p, j) => {
			const path: Path = ['injects', i, 'prompts', j];
			promptChecks(p, path, x.at, plan, err, warn);
			if (!objectiveIds.has(p.objective))
				err(
					[...path, 'objective'],
					`\`objective\` refers to \`${p.objective}\`, which is not in \`objectives\``
				);
			if (p.type === 'single-choice' || p.type === 'multiple-choice') {
				unique(
					p.options.map((o, k) => ({ id: o.id, path: [...path, 'options', k] })),
					'option'
				);
				const correct = p.options.filter((o) => o.correct).length;
				if (correct === 0) err([...path, 'options'], 'no option is marked `correct: true`');
				if (p.type === 'single-choice' && correct > 1)
					err(
						[...path, 'options'],
						`a single-choice prompt has one correct option; ${correct} are marked correct`
					);
			}
			if (p.type === 'checklist')
				unique(
					p.items.map((o, k) => ({ id: o.id, path: [...path, 'items', k] })),
					'item'
				);
			if (p.type === 'free-text' && s.solo)
				err(
					[...path, 'type'],
					'a solo scenario must be scored automatically, but this prompt is free text (graded by a facilitator)'
				);
		});

		const checkWhen = (when: When, path: Path) => {
			const conditions = 'all' in when ? when.all : when.any;
			const list = 'all' in when ? 'all' : 'any';
			conditions.forEach((c, k) => {
				const cpath: Path = [...path, list, k];
				const target = promptById.get(c.prompt);
				if (!target)
					return err(
						[...cpath, 'prompt'],
						`\`when\` refers to prompt \`${c.prompt}\` which does not exist`
					);
				if (target.injectIndex === i)
					return err(
						[...cpath, 'prompt'],
						`\`when\` refers to prompt \`${c.prompt}\` of this same inject, which cannot be answered before the inject is released`
					);
				if (durationMinutes(target.inject.at) > at)
					err(
						[...cpath, 'prompt'],
						`\`when\` depends on prompt \`${c.prompt}\`, which is asked later (at ${target.inject.at}) than this inject (at ${x.at})`
					);
				if ('option' in c) {
					const p = target.prompt;
					if (p.type !== 'single-choice' && p.type !== 'multiple-choice')
						err(
							[...cpath, 'option'],
							`prompt \`${c.prompt}\` is ${p.type}, which has no options to branch on`
						);
					else if (!p.options.some((o) => o.id === c.option))
						err([...cpath, 'option'], `prompt \`${c.prompt}\` has no option \`${c.option}\``);
				} else if (c.scoreAtLeast > target.prompt.points) {
					err(
						[...cpath, 'scoreAtLeast'],
						`\`scoreAtLeast\` ${c.scoreAtLeast} is more than prompt \`${c.prompt}\` can score (${target.prompt.points})`
					);
				}
			});
		};
		if (x.when) checkWhen(x.when, ['injects', i, 'when']);
		x.variants.forEach((v, k) => checkWhen(v.when, ['injects', i, 'variants', k, 'when']));
	});

	// Branch conditions must not form a cycle (inject A waits on B's answer, B on A's).
	const dependsOn = new Map<string, string[]>();
	for (const x of s.injects) {
		const conds = [x.when, ...x.variants.map((v) => v.when)].flatMap((w) =>
			w ? ('all' in w ? w.all : w.any) : []
		);
		dependsOn.set(
			x.id,
			conds
				.map((c) => promptById.get(c.prompt)?.inject.id)
				.filter((d): d is string => !!d && d !== x.id)
		);
	}
	const state = new Map<string, 'visiting' | 'done'>();
	const visit = (id: string, trail: string[]): string[] | null => {
		if (state.get(id) === 'visiting') return [...trail.slice(trail.indexOf(id)), id];
		if (state.get(id) === 'done') return null;
		state.set(id, 'visiting');
		for (const d of dependsOn.get(id) ?? []) {
			const cycle = visit(d, [...trail, id]);
			if (cycle) return cycle;
		}
		state.set(id, 'done');
		return null;
	};
	for (const x of s.injects) {
		const cycle = visit(x.id, []);
		if (cycle) {
			err(
				['injects', s.injects.findIndex((y) => y.id === cycle[0]), 'when'],
				`branch conditions form a cycle: ${cycle.map((c) => `\`${c}\``).join(' → ')}`
			);
			break;
		}
	}

	s.attack.forEach((id, n) => {
		const info = techniqueInfo(id);
		const release = `ATT&CK Enterprise ${attackVersion}`;
		if (info.status === 'revoked')
			warn(
				['attack', n],
				`ATT&CK technique \`${id}\` (${info.name}) is revoked in ${release}; use the technique that replaced it`
			);
		else if (info.status === 'deprecated')
			warn(['attack', n], `ATT&CK technique \`${id}\` (${info.name}) is deprecated in ${release}`);
		else if (info.status === 'unknown') {
			const parent = id.includes('.') ? techniqueInfo(id.split('.')[0]) : null;
			warn(
				['attack', n],
				`ATT&CK technique \`${id}\` is not in ${release}${parent && parent.status !== 'unknown' ? ` (\`${id.split('.')[0]}\` ${parent.name} is; check the sub-technique number)` : ''}`
			);
		}
	});

	if (s.solo && allPrompts.length === 0)
		err(['solo'], 'a solo scenario needs at least one prompt to score');
	if (plan)
		s.planSections.forEach((k, n) => {
			if (!plan.sectionKeys.has(k))
				warn(
					['planSections', n],
					`plan section \`${k}\` is not in the template plan (your organisation's plan may differ)`
				);
		});
	return { errors, warnings };
}

/** Validates one scenario file's text. Never throws on bad input: everything is a problem. */
export function validateScenarioText(text: string, plan: PlanReference | null): ValidationResult {
	const { source, problems } = parseScenarioYaml(text);
	if (!source) return { scenario: null, errors: problems, warnings: [] };
	const parsed = scenarioSchema.safeParse(source.data);
	if (!parsed.success)
		return { scenario: null, errors: schemaProblems(source, parsed.error), warnings: [] };
	const { errors, warnings } = crossChecks(parsed.data, source, plan);
	return { scenario: errors.length ? null : parsed.data, errors, warnings };
}

export function formatProblem(file: string, p: Problem): string {
	return `${file}:${p.line}:${p.col}: ${p.message}`;
}
