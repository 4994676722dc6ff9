import type { Device } from '../backends/backend';
import type { DType } from '../dtype';
import { keep } from '../memory';
import { noGrad } from '../autograd';
import { formatShape, shapesEqual } from '../shape';
import type { Tensor } from '../tensor';
import { isParameter, Parameter } from './parameter';

/**
 * Base class of every layer, as `torch.nn.Module`. Parameters (tensors made with `Parameter`) and child
 * modules are found by walking the instance's own fields in declaration order, so a subclass just assigns them:
 *
 * ```ts
 * class Net extends nn.Module {
 *   fc1 = new nn.Linear(2, 8);
 *   fc2 = new nn.Linear(8, 1);
 *   forward(x: Tensor) { return this.fc2.forward(this.fc1.forward(x).relu()); }
 * }
 * ```
 * Buffers (state that is saved but not trained, like BatchNorm's running mean) are registered with
 * `registerBuffer`.
 */
export abstract class Module {
	training = true;
	private readonly buffers = new Map<string, Tensor | null>();

	/**
	 * The layer's computation. Most modules take and return tensors; recurrent layers and attention return
	 * tuples as PyTorch does (`LSTM` gives `[output, [hN, cN]]`), so the base declaration is loose and each
	 * subclass declares its exact types.
	 */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- subclasses narrow both sides
	abstract forward(...inputs: any[]): any;

	/** Child modules with their field names (array fields are named `field.0`, `field.1`, ...). */
	namedChildren(): [string, Module][] {
		const out: [string, Module][] = [];
		for (const [key, value] of Object.entries(this)) {
			if (value instanceof Module) out.push([key, value]);
			else if (Array.isArray(value)) value.forEach((v, i) => v instanceof Module && out.push([`${key}.${i}`, v]));
		}
		return out;
	}

	children(): Module[] {
		return this.namedChildren().map(([, m]) => m);
	}

	/** This module and all below it, depth first, with dotted names ('' for this one). */
	namedModules(prefix = ''): [string, Module][] {
		const out: [string, Module][] = [[prefix, this]];
		for (const [name, child] of this.namedChildren()) out.push(...child.namedModules(prefix ? `${prefix}.${name}` : name));
		return out;
	}

	modules(): Module[] {
		return this.namedModules().map(([, m]) => m);
	}

	/** Parameters with dotted names, as PyTorch names them (`fc1.weight`, `0.bias`, ...). */
	namedParameters(prefix = ''): [string, Tensor][] {
		const out: [string, Tensor][] = [];
		const seen = new Set<Tensor>();
		for (const [modName, mod] of this.namedModules(prefix)) {
			for (const [key, value] of Object.entries(mod)) {
				if (isParameter(value) && !seen.has(value)) {
					seen.add(value);
					out.push([modName ? `${modName}.${key}` : key, value]);
				}
			}
		}
		return out;
	}

	parameters(): Tensor[] {
		return this.namedParameters().map(([, p]) => p);
	}

	/** Registers state that `stateDict` saves but optimizers don't train. */
	registerBuffer(name: string, value: Tensor | null): void {
		if (value) keep(value);
		this.buffers.set(name, value);
	}

	getBuffer(name: string): Tensor | null {
		const value = this.buffers.get(name);
		if (value === undefined) throw new Error(`${this.constructor.name}: no buffer named '${name}'`);
		return value;
	}

	setBuffer(name: string, value: Tensor | null): void {
		if (!this.buffers.has(name)) throw new Error(`${this.constructor.name}: no buffer named '${name}'; register it first`);
		if (value) keep(value);
		this.buffers.set(name, value);
	}

	namedBuffers(prefix = ''): [string, Tensor][] {
		const out: [string, Tensor][] = [];
		for (const [modName, mod] of this.namedModules(prefix)) {
			for (const [key, value] of mod.buffers) if (value) out.push([modName ? `${modName}.${key}` : key, value]);
		}
		return out;
	}

	/** Parameters and buffers by dotted name. */
	stateDict(): Record<string, Tensor> {
		return Object.fromEntries([...this.namedParameters(), ...this.namedBuffers()]);
	}

	/** Copies values in by name; with `strict`, missing or unexpected names are an error. */
	loadStateDict(state: Record<string, Tensor>, strict = true): { missingKeys: string[]; unexpectedKeys: string[] } {
		const own = this.stateDict();
		const missingKeys = Object.keys(own).filter((k) => !(k in state));
		const unexpectedKeys = Object.keys(state).filter((k) => !(k in own));
		if (strict && (missingKeys.length || unexpectedKeys.length)) {
			throw new Error(
				`loadStateDict: keys do not match${missingKeys.length ? `; missing: ${missingKeys.join(', ')}` : ''}` +
					`${unexpectedKeys.length ? `; unexpected: ${unexpectedKeys.join(', ')}` : ''}`,
			);
		}
		noGrad(() => {
			for (const [name, target] of Object.entries(own)) {
				const source = state[name];
				if (!source) continue;
				if (!shapesEqual(source.shape, target.shape)) {
					throw new RangeError(`loadStateDict: '${name}' has shape ${formatShape(source.shape)} in the state but ${formatShape(target.shape)} in the model`);
				}
				target.copy_(source);
			}
		});
		return { missingKeys, unexpectedKeys };
	}

	/** Training mode (dropout active, batch statistics in BatchNorm) for this module and its children. */
	train(mode = true): this {
		for (const m of this.modules()) m.training = mode;
		return this;
	}

	eval(): this {
		return this.train(false);
	}

	/** Clears the gradients of every parameter. */
	zeroGrad(): void {
		for (const p of this.parameters()) p.grad = null;
	}

	/**
	 * Moves or converts parameters and buffers. Parameter objects are replaced, so make optimizers after this.
	 */
	to(target: Device | DType): this {
		for (const mod of this.modules()) {
			const fields = mod as unknown as Record<string, unknown>;
			for (const [key, value] of Object.entries(mod)) {
				if (isParameter(value)) fields[key] = Parameter(value.detach().to(target), value.requiresGrad);
			}
			for (const [key, value] of mod.buffers) {
				if (value && (target === 'cpu' || target === 'webgpu' || value.dtype !== 'int32')) mod.buffers.set(key, keep(value.to(target)));
			}
		}
		return this;
	}

	double(): this {
		return this.to('float64');
	}

	float(): this {
		return this.to('float32');
	}

	/** Number of trainable numbers. */
	numParameters(): number {
		return this.parameters().reduce((n, p) => n + p.numel(), 0);
	}
}
