import type { Tensor } from './tensor';

/**
 * Explicit memory management for backends whose memory the garbage collector cannot see (WebGPU buffers).
 * `tidy(fn)` disposes every tensor made inside `fn` except what it returns and what was `keep`-ed.
 */
const scopes: Set<Tensor>[] = [];
let liveTensors = 0;

export function trackTensor(t: Tensor): void {
	liveTensors++;
	scopes[scopes.length - 1]?.add(t);
}

export function untrackTensor(): void {
	liveTensors--;
}

/** Number of tensors made and not yet disposed (or collected); used by leak tests. */
export function liveTensorCount(): number {
	return liveTensors;
}

/** Exempts a tensor from the enclosing `tidy` scopes (parameters, optimizer state, gradients). */
export function keep<T extends Tensor>(t: T): T {
	t.isKept = true;
	for (const scope of scopes) scope.delete(t);
	return t;
}

/**
 * Runs `fn` and disposes the tensors it made, except those in its result (a tensor, an array or a plain object
 * of tensors) and those passed to `keep`.
 *
 * ```ts
 * tidy(() => {
 *   const loss = F.mseLoss(net.forward(X), y);
 *   loss.backward(); // the gradients live on the parameters and survive the tidy
 *   optimizer.step();
 * }); // the activations and the loss are freed
 * ```
 * Run backward inside the tidy of its forward pass: the tensors saved for backward are freed with it.
 */
export function tidy<T>(fn: () => T): T {
	const scope = new Set<Tensor>();
	scopes.push(scope);
	let result: T;
	try {
		result = fn();
	} finally {
		scopes.pop();
	}
	const kept = new Set<Tensor>();
	collectTensors(result, kept, 0);
	for (const t of scope) {
		if (kept.has(t)) {
			scopes[scopes.length - 1]?.add(t); // the result belongs to the outer scope now
		} else if (!t.isKept) {
			t.dispose();
		}
	}
	return result;
}

function collectTensors(value: unknown, into: Set<Tensor>, depth: number): void {
	if (depth > 4 || value === null || typeof value !== 'object') return;
	if ((value as Tensor).isTensor === true) {
		into.add(value as Tensor);
		return;
	}
	const items = Array.isArray(value) ? value : Object.values(value as object);
	for (const item of items) collectTensors(item, into, depth + 1);
}
