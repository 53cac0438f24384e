// The shape of a comparison between two plan versions, shared with the diff page.

export type WordPart = { kind: 'same' | 'added' | 'removed'; text: string };

export type SectionDiff = {
	key: string;
	status: 'added' | 'removed' | 'changed' | 'unchanged';
	oldNumber: string | null;
	newNumber: string | null;
	oldTitle: string | null;
	newTitle: string | null;
	/** Its place among the sections both versions share changed. */
	moved: boolean;
	renamed: boolean;
	levelChanged: boolean;
	/** Word-level changes of the body; null when unchanged or shown whole (fallback). */
	words: WordPart[] | null;
	/** The body was too large or too different to diff word by word in time: show both whole. */
	wholeSection: { old: string; new: string } | null;
};

export type FieldChange = {
	field: string;
	from: string;
	to: string;
	/** A long text field (criteria, message template) changed word by word; else null. */
	words: WordPart[] | null;
};

export type RowDiff = {
	key: string;
	label: string;
	status: 'added' | 'removed' | 'changed' | 'unchanged';
	changes: FieldChange[];
};

export type PlanDiff = {
	sections: SectionDiff[];
	severityScale: RowDiff[];
	matrix: RowDiff[];
	summary: { added: number; removed: number; changed: number; moved: number; renamed: number };
	/** Sections shown whole because word diffing hit its limits. */
	fallbacks: number;
};

/**
 * A changed section as it reads on the plan page: its markdown blocks rendered, the blocks
 * that changed marked; a paragraph reworded in place has its words marked inside it. The
 * html is sanitised (or built from escaped text) on the server. A gap stands for unchanged
 * blocks far from any change.
 */
export type RenderedPart =
	| { kind: 'same' | 'added' | 'removed' | 'reworded'; html: string }
	| { kind: 'gap'; blocks: number };
