// Dates as the plan and the forms write them: `YYYY-MM-DD`, UTC.

/** A calendar date `YYYY-MM-DD` that exists (no 30 February), between years 1900 and 9999. */
export function isCalendarDate(value: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!m) return false;
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
	return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
