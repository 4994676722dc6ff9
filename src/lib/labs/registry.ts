import type { LabChecks } from '../../../labs/_kit/define-checks';

/**
 * Every lab the site can run, by id: its checks and reference solution (for the sandbox worker) and the sources
 * of its starter and solution (for the page). Built from the lab folders with Vite's `import.meta.glob`, so a new
 * folder under labs/ is picked up with no list to edit. Everything loads lazily: the page pulls in only the source
 * text it shows, the worker only the lab it grades.
 */
export interface LabRegistry {
	/** Lab ids in alphabetical order (folders under labs/ with a checks.ts, `_`-folders skipped). */
	readonly ids: readonly string[];
	has(id: string): boolean;
	/** The graded checks and the reference solution module (for `gradeSource`). */
	runtime(id: string): Promise<{ id: string; checks: LabChecks<unknown>; solution: Record<string, unknown> }>;
	starterSource(id: string): Promise<string>;
	solutionSource(id: string): Promise<string>;
}

type Loaders<T> = Record<string, () => Promise<T>>;

/** The lab id in a glob key such as `../../../labs/dense-forward/checks.ts`; null for `_kit` and other `_` folders. */
export function labIdFromPath(path: string): string | null {
	const match = /(?:^|\/)labs\/([^/]+)\/[^/]+$/.exec(path);
	if (!match || match[1].startsWith('_')) return null;
	return match[1];
}

function byLab<T>(loaders: Loaders<T>): Map<string, () => Promise<T>> {
	const map = new Map<string, () => Promise<T>>();
	for (const [path, load] of Object.entries(loaders)) {
		const id = labIdFromPath(path);
		if (id) map.set(id, load);
	}
	return map;
}

/** Builds a registry from glob results (a function so unit tests can hand it fakes). */
export function createLabRegistry(globs: {
	checks: Loaders<{ default: LabChecks<unknown> }>;
	solutions: Loaders<Record<string, unknown>>;
	starterSources: Loaders<string>;
	solutionSources: Loaders<string>;
}): LabRegistry {
	const checks = byLab(globs.checks);
	const solutions = byLab(globs.solutions);
	const starters = byLab(globs.starterSources);
	const solutionTexts = byLab(globs.solutionSources);
	const ids = [...checks.keys()].sort();
	const need = <T>(map: Map<string, () => Promise<T>>, id: string, file: string): (() => Promise<T>) => {
		const load = map.get(id);
		if (!load) {
			throw new Error(
				`No lab "${id}" with a ${file} (known labs: ${ids.join(', ') || 'none'}). A lab is a folder labs/<id>/ with lab.mdx, starter.ts, solution.ts and checks.ts.`,
			);
		}
		return load;
	};
	return {
		ids,
		has: (id) => checks.has(id),
		async runtime(id) {
			const [checkModule, solution] = await Promise.all([need(checks, id, 'checks.ts')(), need(solutions, id, 'solution.ts')()]);
			return { id, checks: checkModule.default, solution };
		},
		starterSource: (id) => need(starters, id, 'starter.ts')(),
		solutionSource: (id) => need(solutionTexts, id, 'solution.ts')(),
	};
}

/** The labs of this site. */
export const labRegistry: LabRegistry = createLabRegistry({
	checks: import.meta.glob<{ default: LabChecks<unknown> }>('../../../labs/*/checks.ts'),
	solutions: import.meta.glob<Record<string, unknown>>('../../../labs/*/solution.ts'),
	starterSources: import.meta.glob<string>('../../../labs/*/starter.ts', { query: '?raw', import: 'default' }),
	solutionSources: import.meta.glob<string>('../../../labs/*/solution.ts', { query: '?raw', import: 'default' }),
});
