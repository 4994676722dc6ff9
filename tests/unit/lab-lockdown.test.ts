import { describe, expect, it } from 'vitest';
import { BLOCKED_FUNCTIONS, lockDown } from '../../src/components/LabRunner/lockdown';

/** A stand-in global scope: some names on the object, some on its prototype (as browsers define them). */
function fakeScope() {
	const proto = {
		indexedDB: { open: () => 'db' },
		postMessage: () => 'posted',
	};
	const scope = Object.create(proto) as Record<string, unknown>;
	Object.assign(scope, {
		fetch: async () => 'response',
		XMLHttpRequest: class {},
		caches: {},
		navigator: { sendBeacon: () => true, gpu: {} },
	});
	return { scope, proto };
}

describe('locking the sandbox scope down', () => {
	it('makes network functions throw a message that says why', () => {
		const { scope } = fakeScope();
		lockDown(scope);
		expect(() => (scope.fetch as () => unknown)()).toThrowErrorMatchingInlineSnapshot(
			`[Error: fetch is not available in labs: network access and other workers are turned off while your code runs. Labs work only with the engine ('chainrule') and the data it ships.]`,
		);
		expect(() => new (scope.XMLHttpRequest as new () => unknown)()).toThrow(/XMLHttpRequest is not available in labs/);
		for (const name of BLOCKED_FUNCTIONS) expect(() => (scope[name] as () => unknown)()).toThrow(`${name} is not available in labs`);
	});

	it('blocks storage even where it is defined on the prototype, and cannot be undone', () => {
		const { scope, proto } = fakeScope();
		lockDown(scope);
		expect(() => scope.indexedDB).toThrow(/indexedDB is not available in labs/);
		expect(() => (proto as Record<string, unknown>).indexedDB).toThrow(/indexedDB is not available/);
		expect(() => scope.caches).toThrow(/caches is not available/);
		expect(() => Object.defineProperty(scope, 'fetch', { value: () => 'restored' })).toThrow(TypeError);
	});

	it('disables postMessage on the global scope and navigator.sendBeacon, and keeps WebGPU', () => {
		const { scope, proto } = fakeScope();
		lockDown(scope);
		expect(() => (scope.postMessage as () => unknown)()).toThrow(/postMessage is not available to lab code/);
		expect(() => (proto.postMessage as () => unknown)()).toThrow(/postMessage is not available/);
		const nav = scope.navigator as { sendBeacon?: unknown; gpu?: unknown };
		expect(nav.sendBeacon).toBeUndefined();
		expect(nav.gpu).toBeDefined();
	});
});
