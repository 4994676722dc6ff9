/** The engine version written into grading results and submission bundles (from package.json). */
import pkg from '../../package.json' with { type: 'json' };

export const ENGINE_VERSION: string = pkg.version;
