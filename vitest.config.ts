import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	resolve: {
		alias: {
			chainrule: fileURLToPath(new URL('./engine/index.ts', import.meta.url)),
			'~': fileURLToPath(new URL('./src', import.meta.url)),
		},
	},
	test: {
		include: ['engine/**/*.test.ts', 'tests/{engine,labs,content,unit}/**/*.test.ts', 'labs/**/*.test.ts'],
		testTimeout: 60_000,
		pool: 'threads',
	},
});
