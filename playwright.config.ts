import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

// Must be `localhost`: the server's ORIGIN is http://localhost:4173 and SvelteKit's CSRF
// check compares the Origin of a form post with it.
// E2E_SLOT (see svelte.config.js) moves the port so that runs can sit side by side.
const baseURL = `http://localhost:${4173 + Number(process.env.E2E_SLOT ?? 0)}`;

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: `test-results${process.env.E2E_SLOT ? `-${process.env.E2E_SLOT}` : ''}`,
	// The machine has 2 cores, and the tests share one server and one login throttle.
	workers: 1,
	fullyParallel: false,
	retries: 0,
	forbidOnly: !!process.env.CI,
	reporter: 'list',
	use: {
		baseURL,
		trace: 'retain-on-failure',
		launchOptions: {
			// scripts/ensure-chromium.js has made sure one of these exists; without either,
			// Playwright uses its own download.
			executablePath:
				process.env.CHROME_PATH ||
				(fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [
		// Logs every demo role in once through the real login form and keeps the cookies.
		{ name: 'sessions', testMatch: /sessions\.setup\.ts/ },
		{ name: 'e2e', testMatch: /\.spec\.ts$/, dependencies: ['sessions'] }
	],
	webServer: {
		command: 'npm run build && node tests/e2e/serve.js',
		url: `${baseURL}/healthz`,
		timeout: 180_000,
		reuseExistingServer: false,
		// SIGTERM lets the app close its database (and serve.js drop a PostgreSQL test database).
		gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 }
	}
});
