export type VersionStatus = 'draft' | 'in_review' | 'changes_requested' | 'approved' | 'superseded';

export const statusLabels: Record<VersionStatus, string> = {
	draft: 'draft',
	in_review: 'in review',
	changes_requested: 'changes requested',
	approved: 'approved',
	superseded: 'superseded'
};

/** The badge style for a status. */
export const statusTone: Record<VersionStatus, '' | 'ok' | 'danger' | 'warn'> = {
	draft: '',
	in_review: 'warn',
	changes_requested: 'danger',
	approved: 'ok',
	superseded: ''
};
