import { UserFacingError, type ErrorStatus } from '../errors';

/** A plan rule the user broke: shown to them, with the form field when there is one. */
export class PlanRuleError extends UserFacingError {
	constructor(message: string, status: ErrorStatus = 400, field?: string) {
		super(message, status, field);
		this.name = 'PlanRuleError';
	}
}

/** The draft changed since the user loaded it. */
export class StaleRevisionError extends PlanRuleError {
	constructor(readonly currentRevision: number) {
		super(
			'Someone else saved this draft after you opened it. Your text is kept below: copy what you need, reload the draft, and apply your change again.',
			409
		);
		this.name = 'StaleRevisionError';
	}
}
