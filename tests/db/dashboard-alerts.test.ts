import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/connect';
import { dashboardAlerts } from '../../src/lib/server/programme/dashboard-alerts';
import { setFrameworkEnabled } from '../../src/lib/server/programme/requirements';
import { makeUser } from './fixtures';
import { createTestDatabase } from './test-database';

// The dashboard keeps the programme's alerts until the audit trail moves on (or a minute).

let h: DatabaseHandle;
beforeAll(async () => {
	h = await createTestDatabase();
});
afterAll(() => h.close());

const now = new Date('2026-06-01T09:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const frameworks = (alerts: { frameworkName: string }[]) =>
	[...new Set(alerts.map((a) => a.frameworkName))].sort();

describe('the dashboard programme alerts', () => {
	it('show a framework switched on at the next visit', async () => {
		const admin = await makeUser(h.db, 'admin');
		const before = frameworks(await dashboardAlerts(h.db, now));
		await h.db
			.transaction()
			.execute((trx) =>
				setFrameworkEnabled(
					trx,
					{ id: admin.id, role: 'admin', label: admin.email, ip: null },
					'pci-dss',
					true,
					now
				)
			);
		const after = frameworks(await dashboardAlerts(h.db, later(1000)));
		expect(after.length).toBe(before.length + 1);
	});

	it('are read again after a minute even when the trail did not move', async () => {
		const first = await dashboardAlerts(h.db, now);
		expect(await dashboardAlerts(h.db, later(30_000))).toBe(first);
		expect(await dashboardAlerts(h.db, later(61_000))).not.toBe(first);
	});
});
