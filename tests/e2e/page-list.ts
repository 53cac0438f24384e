import fs from 'node:fs';
import path from 'node:path';

// Every page of the app, for the phone + accessibility + CSP sweep (pages-sweep.spec.ts).
// Addresses are not written down: each signed-in role crawls the links its own pages show and
// each entry picks one address from them, so the demo data's ids are found at run time.
// pages-sweep.spec.ts fails when a +page.svelte route has no entry here.

/** A link found on a page: its address (path and query, no hash) and its text. */
export type Link = { url: string; text: string };

export type PageEntry = {
	/** What the sweep reports, e.g. "plan version (approved)". */
	name: string;
	/** The route id without (groups), e.g. "/plans/[planId]"; null for a page no route serves. */
	route: string | null;
	/** A fixed address; otherwise the first link the role found that `pick` accepts. */
	url?: string;
	/**
	 * Chooses among the links whose path matches `route` (default: the first without a query);
	 * `all` holds every link the role found, for a page no link leads to.
	 */
	pick?: (links: Link[], all: Link[]) => Link | undefined;
	/** Visited signed out only (login, invite, setup); otherwise signed in as each role. */
	signedOut?: boolean;
	/** The status the page answers with when it is the page meant (default 200). */
	status?: number;
	/** A role that does not find this page may not reach it; these roles must. */
	mustReach?: readonly ('admin' | 'lead' | 'trainee' | 'auditor')[];
};

const plain = (links: Link[]) => links.find((l) => !l.url.includes('?'));
const withQuery = (key: string) => (links: Link[]) =>
	links.find((l) => new URL(l.url, 'http://x').searchParams.has(key));
const byText = (re: RegExp) => (links: Link[]) => links.find((l) => re.test(l.text));

export const pageList: PageEntry[] = [
	// Signed out
	{ name: 'login', route: '/login', url: '/login', signedOut: true },
	{
		name: 'invite with an invalid token',
		route: '/invite/[token]',
		url: '/invite/not-a-real-invite-token',
		signedOut: true,
		status: 404
	},
	// Redirects to the login once the first admin exists: then skipped.
	{ name: 'first-admin setup', route: '/setup', url: '/setup', signedOut: true },
	{
		name: 'error page signed out (404)',
		route: null,
		url: '/no-such-page',
		signedOut: true,
		status: 404
	},
	{ name: 'error page signed in (404)', route: null, url: '/no-such-page', status: 404 },

	// Everyone
	{ name: 'dashboard', route: '/', url: '/', mustReach: ['admin', 'lead', 'trainee', 'auditor'] },
	{ name: 'account', route: '/account', url: '/account', mustReach: ['admin', 'trainee'] },
	{ name: 'change password', route: '/account/password', url: '/account/password' },
	{ name: 'calendar', route: '/calendar', url: '/calendar', mustReach: ['admin', 'trainee'] },
	{ name: 'calendar as a list', route: '/calendar', url: '/calendar?view=list' },

	// Plans
	{ name: 'plan list', route: '/plans', url: '/plans', mustReach: ['admin', 'trainee'] },
	{ name: 'new plan', route: '/plans/new', url: '/plans/new' },
	{ name: 'plan', route: '/plans/[planId]', mustReach: ['admin'] },
	{
		name: 'plan version (approved, in force)',
		route: '/plans/[planId]/versions/[versionId]',
		pick: byText(/^v\d+(\.\d+)*$/),
		mustReach: ['admin', 'lead', 'trainee', 'auditor']
	},
	{
		name: 'plan version (draft)',
		route: '/plans/[planId]/versions/[versionId]',
		pick: byText(/^(Open draft|Draft)$/i),
		mustReach: ['admin', 'lead']
	},
	{ name: 'version history', route: '/plans/[planId]/versions', mustReach: ['admin'] },
	{ name: 'diff (picker)', route: '/plans/[planId]/diff', pick: plain, mustReach: ['admin'] },
	{
		name: 'diff of two versions',
		route: '/plans/[planId]/diff',
		pick: withQuery('from'),
		mustReach: ['admin', 'auditor']
	},
	// Linked only while a plan has no draft (the demo plan has one): reached by its address.
	{
		name: 'import',
		route: '/plans/[planId]/import',
		pick: (_links, all) => {
			const plan = all.find((l) => /^\/plans\/[^/?]+\/versions$/.test(l.url));
			return plan && { url: plan.url.replace(/\/versions$/, '/import'), text: '' };
		}
	},
	{
		name: 'draft editor',
		route: '/plans/[planId]/versions/[versionId]/edit',
		mustReach: ['admin']
	},
	{
		name: 'section editor',
		route: '/plans/[planId]/versions/[versionId]/edit/[sectionKey]',
		mustReach: ['admin']
	},
	{
		name: 'communication matrix editor',
		route: '/plans/[planId]/versions/[versionId]/matrix',
		mustReach: ['admin']
	},
	{
		name: 'matrix row editor',
		route: '/plans/[planId]/versions/[versionId]/matrix/[rowKey]',
		mustReach: ['admin']
	},
	{
		name: 'new matrix row',
		route: '/plans/[planId]/versions/[versionId]/matrix/new',
		mustReach: ['admin']
	},

	// Scenarios
	{ name: 'scenario library', route: '/scenarios', url: '/scenarios' },
	{
		name: 'scenario (facilitator view)',
		route: '/scenarios/[scenarioId]',
		pick: plain,
		mustReach: ['admin', 'trainee']
	},
	{
		name: 'scenario (participant preview)',
		route: '/scenarios/[scenarioId]',
		pick: (links) => links.find((l) => l.url.includes('view=participant')),
		mustReach: ['admin']
	},
	{ name: 'new scenario', route: '/scenarios/new', url: '/scenarios/new' },
	// Only custom scenarios have one; the demo library has none, so it may be skipped.
	{ name: 'scenario editor', route: '/scenarios/[scenarioId]/edit' },
	{ name: 'scenario coverage', route: '/scenarios/coverage', url: '/scenarios/coverage' },
	{ name: 'scenario format reference', route: '/scenarios/format', url: '/scenarios/format' },
	{ name: 'scenario format reference', route: '/scenarios/format', url: '/scenarios/format' },

	// Drills
	{ name: 'drills', route: '/drills', url: '/drills' },
	{ name: 'new drill', route: '/drills/new', url: '/drills/new' },
	{ name: 'grading queue', route: '/drills/grading', url: '/drills/grading' },
	{
		name: 'drill (console for leads, participant view for trainees)',
		route: '/drills/[drillId]',
		mustReach: ['admin', 'trainee']
	},
	// Only drills not yet started may be edited (a 403 otherwise).
	{ name: 'drill editor', route: '/drills/[drillId]/edit' },
	{ name: 'drill results', route: '/drills/[drillId]/results', mustReach: ['admin', 'trainee'] },
	{ name: 'hot wash', route: '/drills/[drillId]/hotwash', mustReach: ['admin'] },
	{ name: 'drill series', route: '/drills/series/[seriesId]', mustReach: ['admin'] },

	// Practice
	{ name: 'my practice', route: '/practice', url: '/practice' },
	{ name: 'assigned practice', route: '/practice/assignments', url: '/practice/assignments' },
	{
		name: 'an assignment',
		route: '/practice/assignments/[assignmentId]',
		mustReach: ['admin']
	},
	{
		name: 'practice progress',
		route: '/practice/assignments/progress',
		url: '/practice/assignments/progress'
	},

	// Lessons
	{ name: 'improvement plan', route: '/lessons', url: '/lessons', mustReach: ['admin'] },
	{ name: 'findings', route: '/lessons/findings', url: '/lessons/findings' },
	{ name: 'new finding', route: '/lessons/findings/new', url: '/lessons/findings/new' },
	{ name: 'finding', route: '/lessons/findings/[findingId]', mustReach: ['admin', 'auditor'] },
	{ name: 'corrective action', route: '/lessons/actions/[actionId]', mustReach: ['admin'] },
	{
		name: 'link an action to a plan draft',
		route: '/lessons/actions/[actionId]/plan',
		mustReach: ['admin']
	},
	{ name: 'incident reviews', route: '/lessons/incidents', url: '/lessons/incidents' },
	{ name: 'new incident review', route: '/lessons/incidents/new', url: '/lessons/incidents/new' },
	{ name: 'incident review', route: '/lessons/incidents/[reviewId]', mustReach: ['admin'] },
	{
		name: 'incident review editor',
		route: '/lessons/incidents/[reviewId]/edit',
		mustReach: ['admin']
	},
	{ name: 'trace (overview)', route: '/lessons/trace', url: '/lessons/trace' },
	{
		name: 'trace of a drill',
		route: '/lessons/trace',
		pick: withQuery('drill'),
		mustReach: ['admin']
	},
	{ name: 'my actions', route: '/lessons/mine', url: '/lessons/mine' },

	// Programme, reports, administration
	{ name: 'programme', route: '/programme', url: '/programme', mustReach: ['admin', 'auditor'] },
	{ name: 'programme coverage', route: '/programme/coverage', url: '/programme/coverage' },
	{ name: 'reports', route: '/reports', url: '/reports', mustReach: ['admin', 'auditor'] },
	{ name: 'users', route: '/admin/users', url: '/admin/users', mustReach: ['admin'] },
	{ name: 'new user', route: '/admin/users/new', url: '/admin/users/new', mustReach: ['admin'] },
	{ name: 'user', route: '/admin/users/[id]', mustReach: ['admin'] },
	{ name: 'audit trail', route: '/audit', url: '/audit', mustReach: ['admin', 'auditor'] }
];

/** The route ids of every page (+page.svelte) under src/routes, (groups) left out. */
export function pageRouteIds(routesDir: string): string[] {
	const ids: string[] = [];
	const walk = (dir: string, segments: string[]) => {
		for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
			if (e.isDirectory()) walk(path.join(dir, e.name), [...segments, e.name]);
			else if (e.name === '+page.svelte')
				ids.push('/' + segments.filter((s) => !/^\(.+\)$/.test(s)).join('/'));
		}
	};
	walk(routesDir, []);
	return ids.sort();
}

/** A matcher for a route id's paths: [param] is one segment. */
export function routePattern(route: string): RegExp {
	const source = route
		.split('/')
		.map((s) => (/^\[.+\]$/.test(s) ? '[^/]+' : s.replace(/[.*+?^${}()|\\]/g, '\\$&')))
		.join('/');
	return new RegExp(`^${source}$`);
}

/**
 * The route a path belongs to: of those whose pattern matches, the one with the most fixed
 * segments (so /drills/new is "new drill", not a drill with id "new").
 */
export function routeOf(pathname: string, routes: string[]): string | undefined {
	const fixed = (r: string) => r.split('/').filter((s) => s && !s.startsWith('[')).length;
	return routes
		.filter((r) => routePattern(r).test(pathname))
		.sort((a, b) => fixed(b) - fixed(a))[0];
}

/** The links of an HTML page that stay on this site, with their text. */
export function linksIn(html: string, base: string): Link[] {
	const links: Link[] = [];
	for (const m of html.matchAll(/<a\b[^>]*?\shref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)) {
		const href = m[1].replace(/&amp;/g, '&');
		if (!href || href.startsWith('#') || /^(mailto|tel):/.test(href)) continue;
		const url = new URL(href, base);
		if (url.origin !== new URL(base).origin) continue;
		const text = m[2]
			.replace(/<[^>]*>/g, '')
			.replace(/&[a-z#0-9]+;/g, ' ')
			.replace(/\s+/g, ' ')
			.trim();
		links.push({ url: url.pathname + url.search, text });
	}
	return links;
}
