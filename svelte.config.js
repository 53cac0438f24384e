import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// E2E_SLOT lets several developers' end-to-end runs build and serve side by side on one
// machine (each its own build folder, port and data folder); unset, everything is as usual.
const slot = process.env.E2E_SLOT ? `-${process.env.E2E_SLOT}` : '';

// sha256 of the style attribute of SvelteKit's #svelte-announcer (write_root.js in
// @sveltejs/kit); tests/e2e/pages-sweep.spec.ts fails on any CSP violation, so a SvelteKit
// update that changes the attribute shows up there.
const ANNOUNCER_STYLE_HASH = 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo=';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: `build${slot}` }),
		outDir: `.svelte-kit${slot}`,
		// src/lib/server/http/request-guard.ts checks the origin of every write to a page or
		// action (all content types, not only forms) and answers the API in JSON.
		csrf: { trustedOrigins: ['*'] },
		// Scripts get nonces/hashes from SvelteKit; nothing else may run or frame us.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				// SvelteKit's route announcer (a div it adds after hydration) carries one fixed
				// style attribute; allow exactly that attribute by its hash and no other.
				'style-src-attr': ['unsafe-hashes', ANNOUNCER_STYLE_HASH],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
