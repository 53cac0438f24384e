import { keyFromTitle, type PlanContent, type Section } from './content';

// Edits to a draft's content, as pure functions: each takes the content and returns a new
// one, so the server can apply them under the optimistic-concurrency check.

export class EditError extends Error {
	constructor(
		message: string,
		readonly field?: string
	) {
		super(message);
	}
}

const indexOf = (content: PlanContent, key: string): number => {
	const i = content.sections.findIndex((s) => s.key === key);
	if (i < 0) throw new EditError('That section no longer exists in this draft.');
	return i;
};

export function addSection(
	content: PlanContent,
	input: { title: string; level: 1 | 2; afterKey: string | null }
): { content: PlanContent; key: string } {
	const title = input.title.trim();
	if (!title) throw new EditError('Give the new section a title.', 'title');
	const key = keyFromTitle(title, new Set(content.sections.map((s) => s.key)));
	const section: Section = { key, title, level: input.level, body: '' };
	const sections = [...content.sections];
	const at = input.afterKey === null ? sections.length : indexOf(content, input.afterKey) + 1;
	sections.splice(at, 0, section);
	return { content: { ...content, sections }, key };
}

export function removeSection(content: PlanContent, key: string): PlanContent {
	indexOf(content, key);
	return { ...content, sections: content.sections.filter((s) => s.key !== key) };
}

export function moveSection(
	content: PlanContent,
	key: string,
	direction: 'up' | 'down'
): PlanContent {
	const i = indexOf(content, key);
	const j = direction === 'up' ? i - 1 : i + 1;
	if (j < 0 || j >= content.sections.length) return content;
	const sections = [...content.sections];
	[sections[i], sections[j]] = [sections[j], sections[i]];
	return { ...content, sections };
}

/** Title, level and body of one section; its key never changes. */
export function updateSection(
	content: PlanContent,
	key: string,
	patch: Partial<Pick<Section, 'title' | 'level' | 'body'>>
): PlanContent {
	const i = indexOf(content, key);
	if (patch.title !== undefined && !patch.title.trim())
		throw new EditError('Give the section a title.', 'title');
	const sections = [...content.sections];
	sections[i] = { ...sections[i], ...patch, title: (patch.title ?? sections[i].title).trim() };
	return { ...content, sections };
}
