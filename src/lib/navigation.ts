import { can, type Permission, type Role } from './permissions';

export type NavItem = { href: string; label: string; permission: Permission };

// Later features add their sections here; each shows only to roles that may use it.
const items: NavItem[] = [
	{ href: '/', label: 'Dashboard', permission: 'dashboard.view' },
	{ href: '/plans', label: 'Plans', permission: 'plans.read_current' },
	{ href: '/scenarios', label: 'Scenarios', permission: 'scenarios.read' },
	{ href: '/drills', label: 'Drills', permission: 'drills.read' },
	{ href: '/calendar', label: 'Calendar', permission: 'calendar.view' },
	{ href: '/practice', label: 'My practice', permission: 'drills.practise' },
	{ href: '/practice/assignments', label: 'Assigned practice', permission: 'practice.assign' },
	{ href: '/programme', label: 'Programme', permission: 'programme.read' },
	{ href: '/lessons', label: 'Improvement plan', permission: 'lessons.read' },
	{ href: '/lessons/mine', label: 'My actions', permission: 'actions.own' },
	{ href: '/reports', label: 'Reports', permission: 'reports.verify' },
	{ href: '/admin/users', label: 'Users', permission: 'users.read' },
	{ href: '/audit', label: 'Audit trail', permission: 'audit.read' },
	{ href: '/account', label: 'My account', permission: 'account.manage' }
];

export function navigationFor(role: Role): NavItem[] {
	return items.filter((i) => can(role, i.permission));
}
