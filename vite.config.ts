import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 5173 },
	test: {
		include: ['src/**/*.spec.ts', 'tests/db/**/*.test.ts', 'tests/cli/**/*.test.ts'],
		environment: 'node',
		// PGlite boots a WASM PostgreSQL per test file; give it room on a 2-core machine.
		testTimeout: 30_000,
		hookTimeout: 60_000,
		fileParallelism: true,
		maxWorkers: 2
	}
});
