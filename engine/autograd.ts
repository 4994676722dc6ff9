import type { Tensor } from './tensor';
import { formatShape, shapesEqual } from './shape';

/**
 * The tape. Each op that produces a tensor from inputs that require grad records a GradNode on its output;
 * `backward` walks those nodes in reverse topological order and applies each op's backward rule.
 */
export interface GradNode {
	readonly name: string;
	inputs: readonly Tensor[];
	/** Per input: does a gradient need to flow to it? */
	readonly needsGrad: readonly boolean[];
	/** Returns one gradient per input (null where none flows); runs with grad recording off. */
	backward: ((dy: Tensor) => readonly (Tensor | null | undefined)[]) | null;
	/** Tensors the backward rule reads, with their storage versions when the op ran. */
	saved: { tensor: Tensor; version: number }[];
	released: boolean;
}

let gradEnabled = true;

export function isGradEnabled(): boolean {
	return gradEnabled;
}

/** Runs `fn` without recording ops on the tape, as `torch.no_grad()` does. */
export function noGrad<T>(fn: () => T): T {
	const previous = gradEnabled;
	gradEnabled = false;
	try {
		return fn();
	} finally {
		gradEnabled = previous;
	}
}

/** Runs `fn` with recording forced on or off (used inside backward rules and by `enableGrad`). */
export function setGradEnabled<T>(enabled: boolean, fn: () => T): T {
	const previous = gradEnabled;
	gradEnabled = enabled;
	try {
		return fn();
	} finally {
		gradEnabled = previous;
	}
}

/** Depth-first post-order over the graph, without recursion so long RNN graphs don't overflow the stack. */
function topologicalOrder(root: Tensor): Tensor[] {
	const order: Tensor[] = [];
	const visited = new Set<Tensor>();
	const stack: { tensor: Tensor; next: number }[] = [{ tensor: root, next: 0 }];
	visited.add(root);
	while (stack.length > 0) {
		const frame = stack[stack.length - 1];
		const node = frame.tensor.gradFn;
		const inputs = node ? node.inputs : [];
		if (frame.next < inputs.length) {
			const child = inputs[frame.next];
			const wanted = node!.needsGrad[frame.next];
			frame.next++;
			if (wanted && !visited.has(child)) {
				visited.add(child);
				stack.push({ tensor: child, next: 0 });
			}
		} else {
			order.push(frame.tensor);
			stack.pop();
		}
	}
	return order;
}

function checkSaved(node: GradNode): void {
	for (const { tensor, version } of node.saved) {
		if (tensor.isDisposed) {
			throw new Error(
				`backward: a tensor needed to compute the gradient of '${node.name}' (shape ${formatShape(tensor.shape)}) ` +
					`was disposed, by tidy() or dispose(), before backward ran. Call backward inside the same tidy as ` +
					`the forward pass (tidy(() => { const loss = ...; loss.backward(); optimizer.step(); })).`,
			);
		}
		if (tensor.storageVersion !== version) {
			throw new Error(
				`backward: a tensor needed to compute the gradient of '${node.name}' was modified by an in-place ` +
					`operation (shape ${formatShape(tensor.shape)}, version ${version} when saved, ` +
					`${tensor.storageVersion} now). Use an out-of-place op (e.g. x.add(y) instead of x.add_(y)) ` +
					`or .clone() the tensor before changing it.`,
			);
		}
	}
}

export interface BackwardOptions {
	/** Keep the graph so backward can run through it again (costs memory). */
	retainGraph?: boolean;
}

/** Accumulates d(root)/d(leaf) into every leaf's `.grad`, seeded with `seed` (default 1 for a scalar). */
export function runBackward(root: Tensor, seed: Tensor, options: BackwardOptions = {}): void {
	const grads = new Map<Tensor, Tensor>();
	grads.set(root, seed);
	const order = topologicalOrder(root);
	setGradEnabled(false, () => {
		for (let i = order.length - 1; i >= 0; i--) {
			const tensor = order[i];
			const dy = grads.get(tensor);
			grads.delete(tensor);
			if (!dy) continue;
			if (tensor.retainsGrad || !tensor.gradFn) accumulateGrad(tensor, dy);
			const node = tensor.gradFn;
			if (!node) continue;
			if (node.released || !node.backward) {
				throw new Error(
					`backward: trying to go through the graph of '${node.name}' a second time, but its saved values ` +
						`were freed after the first backward. Call backward({ retainGraph: true }) the first time, ` +
						`or recompute the forward pass.`,
				);
			}
			checkSaved(node);
			const inputGrads = node.backward(dy);
			node.inputs.forEach((input, k) => {
				const g = inputGrads[k];
				if (!node.needsGrad[k] || g == null) return;
				if (!shapesEqual(g.shape, input.shape)) {
					throw new Error(
						`internal: backward of '${node.name}' gave a gradient of shape ${formatShape(g.shape)} ` +
							`for input ${k} of shape ${formatShape(input.shape)}`,
					);
				}
				const previous = grads.get(input);
				grads.set(input, previous ? previous.add(g) : g);
			});
			if (!options.retainGraph) releaseNode(node);
		}
	});
}

function accumulateGrad(tensor: Tensor, dy: Tensor): void {
	const g = dy.dtype === tensor.dtype ? dy : dy.to(tensor.dtype);
	const current = tensor.grad;
	if (current && !current.isDisposed) {
		// In place, as PyTorch does: `.grad` keeps its identity across backward calls.
		const total = current.add(g);
		current.copy_(total);
		total.dispose();
	} else {
		// A copy: one dy can reach several leaves (add hands the same dy to both inputs), and gradients that
		// shared a storage would be changed together by in-place updates such as clipGradNorm's mul_.
		tensor.setOwnedGrad(g.clone());
	}
}

function releaseNode(node: GradNode): void {
	node.released = true;
	node.backward = null;
	node.saved = [];
}
