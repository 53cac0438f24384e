import { describe, expect, it } from 'vitest';
import { loggablePath } from './request-log';

describe('request log', () => {
	it('never writes an invite link’s secret', () => {
		expect(loggablePath('/invite/abcdefghijklmnopqrstuvwxyz234567')).toBe('/invite/[redacted]');
		expect(loggablePath('/plans/123')).toBe('/plans/123');
	});

	it('never writes a calendar feed’s secret', () => {
		expect(loggablePath(`/calendar/feed/${'a'.repeat(52)}.ics`)).toBe('/calendar/feed/[redacted]');
		expect(loggablePath('/calendar')).toBe('/calendar');
	});
});
