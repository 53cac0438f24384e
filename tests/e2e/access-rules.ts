import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '../../src/lib/permissions';

// Who may open what. Every route under src/routes needs an entry here: access.spec.ts fails
// for a route without one (and for an entry whose route is gone), so a new page cannot ship
// without someone deciding, role by role, who gets in.

export type Visitor = 'anonymous' | Role;

export type Outcome =
	/** 200 */
	| 'ok'
	/** 303/302 to /login */
	| 'login'
	/** 303/302 to / (the login page for somebody already signed in) */
	| 'home'
	/** 403 */
	| 'forbidden'
	/** 404 */
	| 'not_found'
	/** 401 with the JSON error shape of /api */
	| 'unauthorized'
	/** 405 */
	| 'method_not_allowed'
	/** 400: let through the gate, then refused for its (deliberately invalid) input */
	| 'invalid';

/** Values only known once the server runs, e.g. the id of a demo account. */
export type SampleValues = { traineeId: string };

export type Sample = string | ((values: SampleValues) => string);

export type Probe = {
	method: 'GET' | 'POST';
	/** Defaults to the rule's sample path. */
	path?: Sample;
	/** Sent as an urlencoded form (POST only). */
	form?: Record<string, string>;
	/** The request ends the session it is sent with, so it gets a session of its own. */
	endsSession?: boolean;
	expect: Record<Visitor, Outcome>;
};

export type RouteRule = { sample: Sample; probes: Probe[] };

// A well-formed secret (32 base32 characters) that no invite or setup link ever had.
const UNKNOWN_SECRET = 'abcdefghijklmnopqrstuvwxyz234567';
// A well-formed id that no user has.
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

export const accessRules: Record<string, RouteRule> = {
	'/': {
		sample: '/',
		probes: [
			{
				method: 'GET',
				expect: { anonymous: 'login', admin: 'ok', lead: 'ok', trainee: 'ok', auditor: 'ok' }
			}
		]
	},
	'/account': {
		sample: '/account',
		probes: [
			{
				method: 'GET',
				expect: { anonymous: 'login', admin: 'ok', lead: 'ok', trainee: 'ok', auditor: 'ok' }
			},
			{
				method: 'POST',
				path: '/account?/createToken',
				form: { name: '' },
				expect: {
					anonymous: 'login',
					admin: 'invalid',
					lead: 'invalid',
					trainee: 'invalid',
					auditor: 'invalid'
				}
			}
		]
	},
	'/account/password': {
		sample: '/account/password',
		probes: [
			{
				method: 'GET',
				expect: { anonymous: 'login', admin: 'ok', lead: 'ok', trainee: 'ok', auditor: 'ok' }
			},
			{
				method: 'POST',
				form: { current: '', password: '', confirm: '' },
				expect: {
					anonymous: 'login',
					admin: 'invalid',
					lead: 'invalid',
					trainee: 'invalid',
					auditor: 'invalid'
				}
			}
		]
	},
	'/admin/users': {
		sample: '/admin/users',
		probes: [
			{
				method: 'GET',
				expect: {
					anonymous: 'login',
					admin: 'ok',
					lead: 'forbidden',
					trainee: 'forbidden',
					auditor: 'forbidden'
				}
			}
		]
	},
	'/admin/users/new': {
		sample: '/admin/users/new',
		probes: [
			{
				method: 'GET',
				expect: {
					anonymous: 'login',
					admin: 'ok',
					lead: 'forbidden',
					trainee: 'forbidden',
					auditor: 'forbidden'
				}
			},
			{
				method: 'POST',
				form: { email: 'not an address', displayName: '', role: 'admin', method: 'password' },
				expect: {
					anonymous: 'login',
					admin: 'invalid',
					lead: 'forbidden',
					trainee: 'forbidden',
					auditor: 'forbidden'
				}
			}
		]
	},
	'/admin/users/[id]': {
		sample: ({ traineeId }) => `/admin/users/${traineeId}`,
		probes: [
			{
				method: 'GET',
				expect: {
					anonymous: 'login',
					admin: 'ok',
					lead: 'forbidden',
					trainee: 'forbidden',
					auditor: 'forbidden'
				}
			},
			{
				method: 'GET',
				path: `/admin/users/${UNKNOWN_ID}`,
				expect: {
					anonymous: 'login',
					admin: 'not_found',
					lead: 'forbidden',
					trainee: 'forbidden',
					auditor: 'forbidden'
				}
			},
			{
				method: 'POST',
				path: ({ traineeId }) => `/admin/users/${traineeId}?/changeRole`,
				form: { role: 'overlord' },
				expect: {
					anonymous: 'login',
					admin: 'invalid',
					lead: 'forbidden',
					trainee: 'forbidden',
					auditor: 'forbidden'
				}
			},
			{
				method: 'POST',
				path: `/admin/users/${UNKNOWN_ID}?/disable`,
				expect: {
					anonymous: 'login',
					admin: 'not_found',
					lead: 'forbidden',
					trainee: 'forbidden',
					auditor: 'forbidden'
				}
			}
		]
	},
	'/audit': {
		sample: '/audit',
		probes: [
			{
				method: 'GET',
				expect: {
					anonymous: 'login',
					admin: 'ok',
					lead: 'forbidden',
					trainee: 'forbidden',
					auditor: 'ok'
				}
			},
			{
				method: 'POST',
				path: '/audit?/verify',
				expect: {
					anonymous: 'login',
					admin: 'ok',
					lead: 'forbidden',
					trainee: 'forbidden',
					auditor: 'ok'
				}
			}
		]
	},
	'/login': {
		sample: '/login',
		probes: [
			{
				method: 'GET',
				expect: { anonymous: 'ok', admin: 'home', lead: 'home', trainee: 'home', auditor: 'home' }
			}
		]
	},
	'/setup': {
		sample: '/setup',
		probes: [
			{
				method: 'GET',
				expect: {
					anonymous: 'not_found',
					admin: 'not_found',
					lead: 'not_found',
					trainee: 'not_found',
					auditor: 'not_found'
				}
			},
			{
				method: 'GET',
				path: `/setup?token=${UNKNOWN_SECRET}`,
				expect: {
					anonymous: 'not_found',
					admin: 'not_found',
					lead: 'not_found',
					trainee: 'not_found',
					auditor: 'not_found'
				}
			},
			{
				// A complete, valid form: only the missing setup link may stop it.
				method: 'POST',
				path: '/setup',
				form: {
					token: UNKNOWN_SECRET,
					email: 'intruder@e2e.example',
					displayName: 'Intruder',
					password: 'a perfectly long passphrase'
				},
				expect: {
					anonymous: 'not_found',
					admin: 'not_found',
					lead: 'not_found',
					trainee: 'not_found',
					auditor: 'not_found'
				}
			}
		]
	},
	'/invite/[token]': {
		sample: `/invite/${UNKNOWN_SECRET}`,
		probes: [
			{
				method: 'GET',
				expect: {
					anonymous: 'not_found',
					admin: 'not_found',
					lead: 'not_found',
					trainee: 'not_found',
					auditor: 'not_found'
				}
			},
			{
				method: 'POST',
				form: { password: 'a perfectly long passphrase', confirm: 'a perfectly long passphrase' },
				expect: {
					anonymous: 'not_found',
					admin: 'not_found',
					lead: 'not_found',
					trainee: 'not_found',
					auditor: 'not_found'
				}
			}
		]
	},
	'/logout': {
		sample: '/logout',
		probes: [
			{
				method: 'GET',
				expect: {
					anonymous: 'method_not_allowed',
					admin: 'method_not_allowed',
					lead: 'method_not_allowed',
					trainee: 'method_not_allowed',
					auditor: 'method_not_allowed'
				}
			},
			{
				method: 'POST',
				endsSession: true,
				expect: {
					anonymous: 'login',
					admin: 'login',
					lead: 'login',
					trainee: 'login',
					auditor: 'login'
				}
			}
		]
	},
	'/healthz': {
		sample: '/healthz',
		probes: [
			{
				method: 'GET',
				expect: { anonymous: 'ok', admin: 'ok', lead: 'ok', trainee: 'ok', auditor: 'ok' }
			}
		]
	},
	'/api/v1/me': {
		sample: '/api/v1/me',
		probes: [
			{
				method: 'GET',
				expect: {
					anonymous: 'unauthorized',
					admin: 'ok',
					lead: 'ok',
					trainee: 'ok',
					auditor: 'ok'
				}
			},
			{
				method: 'POST',
				expect: {
					anonymous: 'method_not_allowed',
					admin: 'method_not_allowed',
					lead: 'method_not_allowed',
					trainee: 'method_not_allowed',
					auditor: 'method_not_allowed'
				}
			}
		]
	}
};

export function resolveSample(sample: Sample, values: SampleValues): string {
	return typeof sample === 'function' ? sample(values) : sample;
}

const ROUTE_FILE = /^\+(page(\.server)?|server)\.(svelte|ts|js)$/;

/**
 * Every route id under a routes folder, the way SvelteKit names them: the folder path with
 * (group) segments left out. A folder is a route when it holds a page or an endpoint.
 */
export function discoverRouteIds(routesDir: string): string[] {
	const ids = new Set<string>();
	const walk = (dir: string, segments: string[]) => {
		const entries = fs.readdirSync(dir, { withFileTypes: true });
		if (entries.some((e) => e.isFile() && ROUTE_FILE.test(e.name))) {
			ids.add('/' + segments.filter((s) => !/^\(.+\)$/.test(s)).join('/'));
		}
		for (const e of entries) {
			if (e.isDirectory()) walk(path.join(dir, e.name), [...segments, e.name]);
		}
	};
	walk(routesDir, []);
	return [...ids].sort();
}
