import { noGrad, setGradEnabled } from '../autograd';
import { fullLike } from '../creation';
import { keep, tidy } from '../memory';
import { Tensor } from '../tensor';

/** One entry of an optimizer's per-parameter state: a tensor (moments, buffers) or a number (the step count). */
export type StateValue = Tensor | number;
export type ParamState = Record<string, StateValue>;

/** A parameter group: its parameters and the hyperparameters they share (`initialLr` is set by schedulers). */
export type ParamGroup<H> = H & { params: Tensor[]; initialLr?: number };

/** What an optimizer takes: a list of parameters, or groups `{ params, ...overrides }` with their own settings. */
export type OptimizerParams<H> = Iterable<Tensor> | readonly ({ params: Iterable<Tensor> } & Partial<H>)[];

/** A snapshot of an optimizer, as `torch.optim.Optimizer.state_dict()`: parameters are named by their position. */
export interface OptimizerStateDict {
	state: Record<number, ParamState>;
	paramGroups: (Record<string, unknown> & { params: number[] })[];
}

/** a ← a + w (b - a), computed as PyTorch's lerp kernel does (from the far end when w >= 0.5). */
export function lerpInPlace(a: Tensor, b: Tensor, w: number): void {
	a.copy_(Math.abs(w) < 0.5 ? a.add(b.sub(a).mul(w)) : b.sub(b.sub(a).mul(1 - w)));
}

/** Copies the numbers of a state entry; tensors become kept clones (optionally cast like `like`). */
function copyState(state: ParamState, like?: Tensor): ParamState {
	const out: ParamState = {};
	for (const [key, value] of Object.entries(state)) {
		if (!(value instanceof Tensor)) out[key] = value;
		else out[key] = keep(noGrad(() => (like ? value.to(like.device).to(like.dtype).clone() : value.clone())));
	}
	return out;
}

/**
 * Base class of the optimizers, as `torch.optim.Optimizer`: parameter groups with their hyperparameters,
 * per-parameter state, `zeroGrad`, `step` and `stateDict`. A subclass writes `update`: the rule for one
 * parameter, with in-place tensor ops so it runs on any device.
 *
 * ```ts
 * const opt = new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
 * opt.zeroGrad(); loss.backward(); opt.step();
 * ```
 */
export abstract class Optimizer<H extends { lr: number } = { lr: number }> {
	readonly defaults: H;
	readonly paramGroups: ParamGroup<H>[] = [];
	/** Per-parameter state (moments, buffers, step counts), made on the first step. */
	readonly state = new Map<Tensor, ParamState>();
	protected readonly name: string;

	constructor(name: string, params: OptimizerParams<H>, defaults: H) {
		this.name = name;
		this.defaults = defaults;
		if (params instanceof Tensor) {
			throw new TypeError(`${name}: params should be a list of tensors or of parameter groups, got a single tensor; wrap it: new ${name}([w], ...)`);
		}
		if (typeof (params as { parameters?: unknown }).parameters === 'function') {
			throw new TypeError(`${name}: got a module; pass its parameters: new ${name}(model.parameters(), ...)`);
		}
		const list = [...(params as Iterable<Tensor | { params: Iterable<Tensor> }>)];
		if (list.length === 0) throw new RangeError(`${name}: got an empty parameter list`);
		const groups = list.every((x) => x instanceof Tensor) ? [{ params: list as Tensor[] }] : list;
		for (const group of groups) {
			if (group instanceof Tensor) throw new TypeError(`${name}: mix of tensors and parameter groups; put every tensor in a group`);
			this.addParamGroup(group as { params: Iterable<Tensor> } & Partial<H>);
		}
	}

	/** Checks one group's hyperparameters (PyTorch's "Invalid learning rate" and friends). */
	protected abstract validate(group: ParamGroup<H>): void;

	/** Updates one parameter in place from its gradient; runs under `noGrad` inside a `tidy`. */
	protected abstract update(param: Tensor, grad: Tensor, state: ParamState, group: ParamGroup<H>): void;

	/** Adds a group of parameters; settings it leaves out come from the optimizer's defaults. */
	addParamGroup(group: { params: Iterable<Tensor> | Tensor } & Partial<H>): void {
		const params = group.params instanceof Tensor ? [group.params] : [...group.params];
		const seen = new Set(this.paramGroups.flatMap((g) => g.params));
		params.forEach((p, i) => {
			if (!(p instanceof Tensor)) throw new TypeError(`${this.name}: parameter ${i} of a group is not a tensor`);
			if (!p.isLeaf) throw new TypeError(`${this.name}: can't optimize a non-leaf tensor (parameter ${i}, shape [${p.shape.join(', ')}]); use a leaf, e.g. x.detach().requiresGrad_()`);
			if (seen.has(p)) throw new RangeError(`${this.name}: a parameter (shape [${p.shape.join(', ')}]) appears twice; each one may belong to one group, once`);
			seen.add(p);
		});
		const full = { ...this.defaults, ...group, params } as ParamGroup<H>;
		this.validate(full);
		this.paramGroups.push(full);
	}

	/** Clears the gradients: to null (the default, as PyTorch 2) or to zeros in place with `setToNone: false`. */
	zeroGrad({ setToNone = true }: { setToNone?: boolean } = {}): void {
		noGrad(() => {
			for (const group of this.paramGroups) {
				for (const p of group.params) {
					if (!p.grad) continue;
					if (setToNone) p.grad = null;
					else p.grad.zero_();
				}
			}
		});
	}

	/**
	 * Updates every parameter that has a gradient (those whose grad is null are skipped). A `closure` that
	 * recomputes the loss (and calls backward) runs first, with gradients on; its result is returned.
	 */
	step<T = undefined>(closure?: () => T): T | undefined {
		const loss = closure ? setGradEnabled(true, closure) : undefined;
		tidy(() =>
			noGrad(() => {
				for (const group of this.paramGroups) {
					for (const p of group.params) {
						if (!p.grad) continue;
						let state = this.state.get(p);
						if (!state) this.state.set(p, (state = {}));
						this.update(p, p.grad, state, group);
					}
				}
			}),
		);
		return loss;
	}

	/** A new kept tensor for the state, e.g. `this.stateTensor(p, 0)` for zeros like `p`. */
	protected stateTensor(like: Tensor, value: number): Tensor {
		return keep(fullLike(like, value));
	}

	/** A snapshot: hyperparameters per group and copies of the state tensors, parameters named by position. */
	stateDict(): OptimizerStateDict {
		const index = new Map<Tensor, number>();
		const paramGroups = this.paramGroups.map(({ params, ...settings }) => ({
			...cloneSettings(settings),
			params: params.map((p) => {
				if (!index.has(p)) index.set(p, index.size);
				return index.get(p)!;
			}),
		}));
		const state: Record<number, ParamState> = {};
		for (const [p, s] of this.state) {
			const i = index.get(p);
			if (i !== undefined) state[i] = copyState(s);
		}
		return { state, paramGroups };
	}

	/** Restores a snapshot from `stateDict()` of an optimizer over parameters of the same shapes, in order. */
	loadStateDict(dict: OptimizerStateDict): void {
		const groups = dict.paramGroups;
		if (groups.length !== this.paramGroups.length) {
			throw new RangeError(`${this.name}.loadStateDict: the saved state has ${groups.length} parameter groups, this optimizer has ${this.paramGroups.length}`);
		}
		groups.forEach((g, k) => {
			if (g.params.length !== this.paramGroups[k].params.length) {
				throw new RangeError(
					`${this.name}.loadStateDict: group ${k} of the saved state has ${g.params.length} parameters, this optimizer's has ${this.paramGroups[k].params.length}`,
				);
			}
		});
		const byIndex = new Map<number, Tensor>();
		groups.forEach((g, k) => g.params.forEach((i, j) => byIndex.set(i, this.paramGroups[k].params[j])));
		for (const [key, s] of Object.entries(dict.state)) {
			const p = byIndex.get(Number(key));
			for (const v of Object.values(s)) {
				if (p && v instanceof Tensor && v.numel() !== p.numel()) {
					throw new RangeError(`${this.name}.loadStateDict: saved state for parameter ${key} has shape [${v.shape.join(', ')}], the parameter has [${p.shape.join(', ')}]`);
				}
			}
		}
		for (const s of this.state.values()) for (const v of Object.values(s)) if (v instanceof Tensor) v.dispose();
		this.state.clear();
		groups.forEach(({ params: _ignored, ...settings }, k) => Object.assign(this.paramGroups[k], cloneSettings(settings)));
		for (const [key, s] of Object.entries(dict.state)) {
			const p = byIndex.get(Number(key));
			if (p) this.state.set(p, copyState(s, p));
		}
	}
}

function cloneSettings(settings: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(settings)) out[k] = Array.isArray(v) ? [...v] : v;
	return out;
}
