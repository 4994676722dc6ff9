import { formatShape, normalizeDim } from '../shape';
import { flatten } from '../functional/tensor-methods';
import * as ops from '../ops/index';
import type { Tensor } from '../tensor';
import { Module } from './module';

/**
 * Children are stored as own fields named '0', '1', ... so `Module`'s field walk names parameters
 * `0.weight`, `1.bias`, exactly as PyTorch. (Integer-like keys enumerate first and in numeric order.)
 */
abstract class IndexedContainer extends Module {
	protected addIndexed(module: Module, where: string): void {
		if (!(module instanceof Module)) {
			throw new TypeError(`${where}: expected an nn.Module, got ${module === null ? 'null' : typeof module}`);
		}
		(this as unknown as Record<string, Module>)[String(this.length)] = module;
	}

	/** Number of child modules. */
	get length(): number {
		return this.children().length;
	}

	/** The child at `index` (negative counts from the end), as `seq[i]` in PyTorch. */
	at<M extends Module = Module>(index: number): M {
		const kids = this.children();
		if (!Number.isInteger(index) || index < -kids.length || index >= kids.length) {
			throw new RangeError(`${this.constructor.name}.at: index ${index} is out of range for ${kids.length} modules`);
		}
		return kids[index < 0 ? index + kids.length : index] as M;
	}

	[Symbol.iterator](): Iterator<Module> {
		return this.children()[Symbol.iterator]();
	}
}

function isPlainObject(value: unknown): value is Record<string, Module> {
	if (typeof value !== 'object' || value === null) return false;
	const proto = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}

/**
 * Modules applied in order, as `torch.nn.Sequential`: `forward(x)` feeds each module's output to the next.
 * Children are named '0', '1', ..., or by the keys of an object.
 *
 * ```ts
 * const net = new nn.Sequential(new nn.Linear(2, 8), new nn.ReLU(), new nn.Linear(8, 1));
 * net.namedParameters().map(([n]) => n); // ['0.weight', '0.bias', '2.weight', '2.bias']
 * net.at(0); // the first Linear
 * ```
 */
export class Sequential extends IndexedContainer {
	constructor(...modules: Module[] | [Record<string, Module>]) {
		super();
		const first = modules[0];
		if (modules.length === 1 && isPlainObject(first)) {
			// Named children, as Sequential(OrderedDict(...)); the names must not shadow the class's own members.
			for (const [name, module] of Object.entries(first)) {
				if (!(module instanceof Module)) throw new TypeError(`Sequential: '${name}' is not an nn.Module`);
				if (name in this || name === '' || name.includes('.')) {
					throw new RangeError(`Sequential: '${name}' can't name a child (it is empty, has a dot, or is a member of Sequential); pick another name`);
				}
				(this as unknown as Record<string, Module>)[name] = module;
			}
			return;
		}
		(modules as Module[]).forEach((m, i) => this.addIndexed(m, `Sequential: argument ${i}`));
	}

	/** Adds a module at the end (named by its position). */
	append(module: Module): this {
		this.addIndexed(module, 'Sequential.append');
		return this;
	}

	forward(x: Tensor): Tensor {
		let out = x;
		for (const m of this.children()) out = m.forward(out);
		return out;
	}
}

/**
 * A list of modules whose parameters are registered (named '0', '1', ...), as `torch.nn.ModuleList`. It has
 * no forward: loop over it in your own module's forward.
 *
 * ```ts
 * class Deep extends nn.Module {
 *   layers = new nn.ModuleList([new nn.Linear(4, 4), new nn.Linear(4, 4)]);
 *   forward(x: Tensor) { for (const l of this.layers) x = l.forward(x).relu(); return x; }
 * }
 * ```
 */
export class ModuleList extends IndexedContainer {
	constructor(modules: readonly Module[] = []) {
		super();
		modules.forEach((m, i) => this.addIndexed(m, `ModuleList: item ${i}`));
	}

	append(module: Module): this {
		this.addIndexed(module, 'ModuleList.append');
		return this;
	}

	extend(modules: Iterable<Module>): this {
		for (const m of modules) this.addIndexed(m, 'ModuleList.extend');
		return this;
	}

	forward(): Tensor {
		throw new Error('ModuleList has no forward; iterate over it (for (const layer of list) ...) in your own forward');
	}
}

/** Returns its input, as `torch.nn.Identity` (a placeholder where a layer is optional). */
export class Identity extends Module {
	forward(x: Tensor): Tensor {
		return x;
	}
}

/**
 * Flattens dims `startDim..endDim` into one, as `torch.nn.Flatten` (default: everything but the batch dim).
 *
 * ```ts
 * new nn.Flatten().forward(randn([8, 3, 4, 4])); // [8, 48]
 * ```
 */
export class Flatten extends Module {
	constructor(
		readonly startDim = 1,
		readonly endDim = -1,
	) {
		super();
	}

	forward(x: Tensor): Tensor {
		return flatten(x, this.startDim, this.endDim);
	}
}

/**
 * Splits dim `dim` into `unflattenedSize`, as `torch.nn.Unflatten` (one size may be -1).
 *
 * ```ts
 * new nn.Unflatten(1, [3, 4, 4]).forward(randn([8, 48])); // [8, 3, 4, 4]
 * ```
 */
export class Unflatten extends Module {
	readonly unflattenedSize: readonly number[];

	constructor(
		readonly dim: number,
		unflattenedSize: readonly number[],
	) {
		super();
		this.unflattenedSize = Object.freeze([...unflattenedSize]);
	}

	forward(x: Tensor): Tensor {
		const d = normalizeDim('Unflatten', this.dim, x.ndim);
		const sizes = this.unflattenedSize;
		const known = sizes.filter((s) => s !== -1).reduce((a, b) => a * b, 1);
		const fits = sizes.includes(-1) ? known > 0 && x.shape[d] % known === 0 : known === x.shape[d];
		if (!fits) {
			throw new RangeError(
				`Unflatten: dim ${this.dim} of the input ${formatShape(x.shape)} has size ${x.shape[d]}, which ` +
					`${formatShape(sizes)} does not split (their product must equal it)`,
			);
		}
		return ops.reshape(x, [...x.shape.slice(0, d), ...sizes, ...x.shape.slice(d + 1)]);
	}
}
