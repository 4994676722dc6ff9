/**
 * Takes network, storage and messaging globals away from the sandbox worker before learner code runs.
 *
 * This is one of two layers: the lab page's Content-Security-Policy (`connect-src 'self'`, scripts only from
 * 'self'), which the worker inherits because it starts from a blob: bootstrap, stops cross-origin requests
 * even through a route this list misses. The list makes the failure clear ("network access is turned off in
 * labs") instead of a CSP report in the devtools, and keeps the learner's saved progress (IndexedDB on the
 * page's origin) out of reach.
 */

/** Functions and constructors learner code must not use; calling one throws a message that says why. */
export const BLOCKED_FUNCTIONS = [
	'fetch',
	'XMLHttpRequest',
	'WebSocket',
	'EventSource',
	'WebTransport',
	'importScripts',
	'BroadcastChannel',
	// a nested worker would start with a fresh global scope, so these go too
	'Worker',
	'SharedWorker',
] as const;

/** Objects learner code must not reach (storage on the page's origin). */
export const BLOCKED_OBJECTS = ['indexedDB', 'caches', 'cookieStore', 'localStorage', 'sessionStorage'] as const;

export function blockedMessage(name: string): string {
	const storage = (BLOCKED_OBJECTS as readonly string[]).includes(name);
	return storage
		? `${name} is not available in labs: lab code cannot read or write browser storage (your progress is kept by the page, out of its reach).`
		: `${name} is not available in labs: network access and other workers are turned off while your code runs. Labs work only with the engine ('chainrule') and the data it ships.`;
}

/** Replaces `name` on `scope` and on every prototype that defines it, so it cannot be fished back out. */
function replace(scope: object, name: string, descriptor: PropertyDescriptor): void {
	let target: object | null = scope;
	while (target) {
		if (Object.prototype.hasOwnProperty.call(target, name)) {
			try {
				Object.defineProperty(target, name, { ...descriptor, configurable: false });
			} catch {
				// A non-configurable property we cannot redefine: try assigning (writable data properties).
				try {
					(target as Record<string, unknown>)[name] = descriptor.value;
				} catch {
					/* leave it: the CSP still applies */
				}
			}
		}
		target = Object.getPrototypeOf(target);
	}
	if (!Object.prototype.hasOwnProperty.call(scope, name)) {
		try {
			Object.defineProperty(scope, name, { ...descriptor, configurable: false });
		} catch {
			/* ignore */
		}
	}
}

/**
 * Locks the scope down: blocked functions throw a clear Error when called or constructed, blocked objects
 * throw when read, `postMessage` on the global scope is disabled (the runner keeps its own private port), and
 * `navigator.sendBeacon` is removed if present. Returns the names it replaced (for tests).
 */
export function lockDown(scope: object = globalThis): string[] {
	const done: string[] = [];
	for (const name of BLOCKED_FUNCTIONS) {
		const message = blockedMessage(name);
		const blocked = function () {
			throw new Error(message);
		};
		Object.defineProperty(blocked, 'name', { value: name });
		replace(scope, name, { value: blocked, writable: false, enumerable: false });
		done.push(name);
	}
	for (const name of BLOCKED_OBJECTS) {
		if (!(name in scope)) continue;
		const message = blockedMessage(name);
		replace(scope, name, {
			get() {
				throw new Error(message);
			},
			enumerable: false,
		});
		done.push(name);
	}
	const noPost = function postMessage() {
		throw new Error('postMessage is not available to lab code: print with console.log, plot with plot() from chainrule/lab, or return a value from main().');
	};
	replace(scope, 'postMessage', { value: noPost, writable: false, enumerable: false });
	done.push('postMessage');
	const nav = (scope as { navigator?: object }).navigator;
	if (nav && 'sendBeacon' in nav) {
		replace(nav, 'sendBeacon', { value: undefined, writable: false, enumerable: false });
		done.push('navigator.sendBeacon');
	}
	return done;
}
