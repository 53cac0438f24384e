import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import {
	expect,
	test,
	type APIRequestContext,
	type Browser,
	type BrowserContext
} from '@playwright/test';
import { newApiContext, ORIGIN, roles, sessionFile } from './helpers';
import {
	linksIn,
	pageList,
	pageRouteIds,
	routeOf,
	routePattern,
	type Link,
	type PageEntry
} from './page-list';

// Every page, as every role that may open it, on a 390 px wide phone: the page does not scroll
// sideways, axe finds nothing serious or critical, and the browser reports no Content Security
// Policy violation. One visit per page and role does all three.

const routesDir = path.resolve(import.meta.dirname, '../../src/routes');
const routes = pageRouteIds(routesDir);
const phone = { width: 390, height: 844 };
/** Pages checked side by side within one role's test (the suite itself runs one worker). */
const parallelPages = 2;
/** SWEEP_ONLY=<regex> checks only the pages whose name matches (while fixing one page). */
const only = process.env.SWEEP_ONLY ? new RegExp(process.env.SWEEP_ONLY, 'i') : undefined;
const chosen = (entry: PageEntry) => !only || only.test(entry.name);
/**
 * Layout, accessibility and the CSP do not depend on the database engine, and the sweep is the
 * longest browser test (minutes): on PostgreSQL (TEST_DATABASE_URL, CI's second run) it is
 * skipped unless SWEEP_ON_POSTGRES=1. CI runs it on the embedded engine.
 */
const skipOnThisEngine = !!process.env.TEST_DATABASE_URL && !process.env.SWEEP_ON_POSTGRES;
const skipReason =
	'the page sweep runs on the embedded engine (SWEEP_ON_POSTGRES=1 to run it here)';
/** Bounds of the crawl that finds each role's addresses. */
const crawlLimit = { pages: 150, perRoute: 3 };

test('every page route is in the sweep list', () => {
	expect(routes.length, 'no +page.svelte found: is the routes folder right?').toBeGreaterThan(20);
	const listed = new Set(pageList.map((p) => p.route));
	const missing = routes.filter((r) => !listed.has(r));
	expect(missing, `pages missing from tests/e2e/page-list.ts: ${missing.join(', ')}`).toEqual([]);
	const gone = [...listed].filter((r) => r !== null && !routes.includes(r));
	expect(gone, `entries in page-list.ts for routes that no longer exist`).toEqual([]);
});

test('signed out: every public page is usable on a phone, accessible and within the CSP', async ({
	browser
}) => {
	test.skip(skipOnThisEngine, skipReason);
	test.setTimeout(120_000);
	const context = await phoneContext(browser);
	const problems: string[] = [];
	for (const entry of pageList.filter((p) => p.signedOut && chosen(p))) {
		const result = await check(context, entry.url!, entry.status ?? 200);
		// Once the first admin exists, /setup is gone (redirect or not found): nothing to check.
		if (typeof result === 'string' && entry.route === '/setup') continue;
		if (typeof result === 'string') problems.push(`${entry.name}: ${result}`);
		else problems.push(...result.map((p) => `${entry.name} (${entry.url}): ${p}`));
	}
	await context.close();
	expect(problems).toEqual([]);
});

for (const role of roles) {
	test(`as ${role}: every page it may open is usable on a phone, accessible and within the CSP`, async ({
		browser
	}) => {
		test.skip(skipOnThisEngine, skipReason);
		test.setTimeout(Number(process.env.SWEEP_TIMEOUT_MS ?? 900_000));
		const api = await newApiContext(sessionFile(role));
		const found = await crawl(api);
		await api.dispose();

		const visits: { entry: PageEntry; url: string }[] = [];
		const problems: string[] = [];
		for (const entry of pageList.filter((p) => !p.signedOut && chosen(p))) {
			const url = entry.url ?? pickUrl(entry, found.links);
			const known = url ? found.status.get(url) : undefined;
			const mustReach = entry.mustReach?.includes(role) ?? false;
			if (!url || (known !== undefined && known !== (entry.status ?? 200))) {
				if (mustReach)
					problems.push(
						`${entry.name}: ${role} should reach it but ${url ? `${url} answered ${known}` : 'no link leads there'}`
					);
				continue;
			}
			visits.push({ entry, url });
		}

		const context = await phoneContext(browser, sessionFile(role));
		const queue = [...visits];
		await Promise.all(
			Array.from({ length: parallelPages }, async () => {
				for (let next = queue.shift(); next; next = queue.shift()) {
					const { entry, url } = next;
					const result = await check(context, url, entry.status ?? 200);
					if (Array.isArray(result))
						problems.push(...result.map((p) => `${entry.name} (${url}): ${p}`));
					// Not found or not allowed for this role: the access-rules tests own that.
					else if (entry.mustReach?.includes(role) || !/^answered 40[34]$/.test(result))
						problems.push(`${entry.name} (${url}): ${result}`);
				}
			})
		);
		await context.close();
		if (!only) expect(visits.length, `${role} visited too few pages`).toBeGreaterThan(15);
		expect(problems).toEqual([]);
	});
}

async function phoneContext(browser: Browser, storageState?: string): Promise<BrowserContext> {
	const context = await browser.newContext({ viewport: phone, storageState });
	await context.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
		document.addEventListener('securitypolicyviolation', (e) =>
			seen.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}: ${e.sample}`)
		);
	});
	return context;
}

/**
 * Opens one page and checks it: the problems found, or why it was not checked (a redirect or
 * another status than expected).
 */
async function check(
	context: BrowserContext,
	url: string,
	expectedStatus: number
): Promise<string[] | string> {
	const page = await context.newPage();
	const consoleCsp: string[] = [];
	page.on('console', (m) => {
		if (/Content Security Policy/i.test(m.text())) consoleCsp.push(m.text());
	});
	const started = Date.now();
	try {
		const response = await page.goto(url);
		const status = response?.status();
		const landed = new URL(page.url());
		if (landed.pathname !== new URL(url, ORIGIN).pathname) return 'redirected';
		if (status !== expectedStatus) return `answered ${status}`;
		const problems: string[] = [];
		// SvelteKit adds its route announcer once the page is hydrated (pages with `csr = false`
		// have no script and stay as served).
		if (await page.locator('script').count())
			await page
				.locator('#svelte-announcer')
				.waitFor({ state: 'attached', timeout: 20_000 })
				.catch(() => problems.push('never hydrated (no #svelte-announcer)'));

		const width = await page.evaluate(() => {
			const limit = window.innerWidth;
			const wide = [...document.querySelectorAll('body *')]
				.filter((el) => el.getBoundingClientRect().right > limit + 0.5)
				.filter(
					(el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= limit + 0.5
				)
				.slice(0, 3)
				.map((el) => {
					const cls =
						typeof el.className === 'string' && el.className
							? `.${el.className.trim().split(/\s+/).join('.')}`
							: '';
					return `${el.tagName.toLowerCase()}${cls} (${Math.round(el.getBoundingClientRect().right)} px)`;
				});
			return { scroll: document.documentElement.scrollWidth, limit, wide };
		});
		if (width.scroll > width.limit)
			problems.push(
				`scrolls sideways: ${width.scroll} px wide in a ${width.limit} px window; too wide: ${width.wide.join(', ')}`
			);

		const axe = await new AxeBuilder({ page }).analyze();
		for (const v of axe.violations) {
			if (v.impact !== 'serious' && v.impact !== 'critical') continue;
			const where = v.nodes
				.slice(0, 3)
				.map((n) => n.target.join(' '))
				.join(' | ');
			problems.push(`axe ${v.impact} ${v.id} (${v.nodes.length}×): ${v.help} — ${where}`);
		}

		const csp = await page.evaluate(
			() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []
		);
		for (const c of new Set([...csp, ...consoleCsp])) problems.push(`CSP violation: ${c}`);
		if (process.env.SWEEP_LOG)
			console.log(`${url} ${Date.now() - started} ms\n${problems.map((p) => `  ${p}`).join('\n')}`);
		return problems;
	} finally {
		await page.close();
	}
}

type Found = { links: Map<string, Link[]>; status: Map<string, number> };

/**
 * Follows the links a role's pages show, breadth first from the dashboard and the fixed
 * addresses of the list, keeping every link by route; a few pages per route are opened.
 */
async function crawl(api: APIRequestContext): Promise<Found> {
	const links = new Map<string, Link[]>();
	const status = new Map<string, number>();
	const opened = new Map<string, number>();
	const seeds = ['/', ...pageList.filter((p) => !p.signedOut && p.url).map((p) => p.url!)];
	const queue = [...new Set(seeds)];
	const queued = new Set(queue);
	while (queue.length && status.size < crawlLimit.pages) {
		const url = queue.shift()!;
		const response = await api.get(url, { maxRedirects: 0 });
		status.set(url, response.status());
		if (response.status() !== 200 || !/html/.test(response.headers()['content-type'] ?? ''))
			continue;
		for (const link of linksIn(await response.text(), ORIGIN + url)) {
			const route = routeOf(link.url.split('?')[0], routes);
			if (!route) continue;
			const known = links.get(route) ?? [];
			if (!known.some((k) => k.url === link.url && k.text === link.text)) known.push(link);
			links.set(route, known);
			if (queued.has(link.url)) continue;
			const key = `${route}${link.url.includes('?') ? '?' : ''}`;
			if ((opened.get(key) ?? 0) >= crawlLimit.perRoute) continue;
			opened.set(key, (opened.get(key) ?? 0) + 1);
			queued.add(link.url);
			queue.push(link.url);
		}
	}
	return { links, status };
}

function pickUrl(entry: PageEntry, links: Map<string, Link[]>): string | undefined {
	if (!entry.route) return undefined;
	const pattern = routePattern(entry.route);
	const candidates = (links.get(entry.route) ?? []).filter((l) =>
		pattern.test(l.url.split('?')[0])
	);
	const pick = entry.pick ?? ((ls: Link[]) => ls.find((l) => !l.url.includes('?')) ?? ls[0]);
	return pick(candidates, [...links.values()].flat())?.url;
}
