import type { PlanContent, Section } from '../../plans/content';
import { sectionsFromMarkdown } from './markdown-io';
import { irPlanTemplate } from './template/ir-plan-template';

// A plan's sections imported from a markdown file in two steps, shared by "new plan" and
// "import as the new draft": the upload shows the sections found, the confirm step (which
// posts the previewed text back) creates the plan or draft.

export type MarkdownUpload = { file: unknown; text: string | undefined; name: string };

/** The sections of the uploaded file, or of the previewed text when no file was sent. */
export async function sectionsOfUpload(upload: MarkdownUpload) {
	const hasFile = upload.file instanceof File && upload.file.size > 0;
	const bytes = hasFile
		? new Uint8Array(await (upload.file as File).arrayBuffer())
		: new TextEncoder().encode(upload.text ?? '');
	const name = hasFile ? (upload.file as File).name : upload.name;
	return { sections: sectionsFromMarkdown({ name, bytes }), bytes };
}

/** What the preview step shows: the sections found and the text to confirm. */
export function importPreview(sections: Section[], bytes: Uint8Array) {
	return {
		sections: sections.map((s) => ({
			title: s.title,
			level: s.level,
			words: s.body.split(/\s+/).filter(Boolean).length
		})),
		markdown: new TextDecoder().decode(bytes)
	};
}

/** A new plan's content before anything is written: one section and the template's scale. */
export function blankPlanContent(sections?: Section[]): PlanContent {
	return {
		sections: sections ?? [{ key: 'scope', title: 'Goals and scope', level: 1, body: '' }],
		severityScale: structuredClone(irPlanTemplate.severityScale),
		matrix: []
	};
}
