// What a lessons page with several forms reads back from a refused submission: which form it
// was (`which`, set by the action's echo), the values typed, the field errors and a message.

export type FailedForm = {
	which?: string;
	values?: Record<string, string>;
	errors?: Record<string, string>;
	message?: string;
} | null;

export const failedForm = (form: unknown) => (form ?? null) as FailedForm;

/** Readers of the page's refused form by which form it was; `form` is read on every call. */
export function formState(form: () => unknown) {
	const failed = (which: string) => {
		const f = failedForm(form());
		return f?.which === which ? f : null;
	};
	return {
		/** The field errors of form `which`, if it was the one refused. */
		errorsFor: (which: string): Record<string, string> => failed(which)?.errors ?? {},
		/** A value typed into form `which`, if it was the one refused, else `fallback`. */
		valueOf: (which: string, field: string, fallback = '') =>
			failed(which)?.values?.[field] ?? fallback,
		/** The values typed into form `which`, if it was the one refused, else `initial`. */
		valuesOr: <T extends Record<string, string>>(which: string, initial: T) =>
			failed(which)?.values ?? initial
	};
}
