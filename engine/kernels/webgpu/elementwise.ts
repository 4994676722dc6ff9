/**
 * The shared element-wise template: one thread per output element, each operand read through an offset and
 * per-dim strides from uniforms (0 on broadcast dims), so one pipeline serves every shape of a given class.
 * Unary and binary table rows, `where`, `cast`, `copy`, `permute`, `expand` and `slice` are all rows of it.
 */
import { broadcastStrides, sizeOf, type Shape } from '../../shape';
import mathWgsl from './math.wgsl?raw';
import {
	checkRank,
	declareBindings,
	dimAt,
	DIMS,
	entryPoint,
	grid,
	UniformWriter,
	webgpuKernel,
	wgslType,
	WORKGROUP,
	type GpuOperand,
	type WebGpuContext,
	type WebGpuKernel,
} from './kernel';

/** How one operand is read: its element offset and its stride along each output dim. */
export interface OperandView {
	readonly offset: number;
	readonly strides: readonly number[];
}

export interface ElementwiseSpec<A> {
	/** Names the pipeline (with dtypes and the operands' access modes). */
	readonly name: string;
	/** The operands' names in WGSL, in input order, e.g. ['a', 'b']. */
	readonly names: readonly string[];
	/** WGSL expression in the operands, computing in f32 (int32 operands are converted). */
	readonly expr: string;
	/** Expression computing in i32 when the operands and the result are int32 (exact); else `expr` in f32. */
	readonly exprInt?: string;
	/** How each operand is read; default: broadcast to the output shape. */
	readonly views?: (ctx: WebGpuContext<A>) => readonly OperandView[];
	/**
	 * A data check: when `cond` (WGSL, in the operands) holds for an element, the op fails at the next read
	 * with `message(element index, value of the first operand)`.
	 */
	readonly guard?: { readonly cond: string; readonly message: (index: number, value: number, ctx: WebGpuContext<A>) => string };
}

type Mode = 'same' | 'scalar' | 'strided';

/** Broadcasting views: strides of each input read at the output's shape. */
export function broadcastViews(inputs: readonly GpuOperand[], out: Shape): OperandView[] {
	return inputs.map((x) => ({ offset: 0, strides: broadcastStrides(x.shape, out) }));
}

/** Builds an element-wise kernel from a spec (see `ElementwiseSpec`). */
export function elementwiseKernel<A>(spec: ElementwiseSpec<A>): WebGpuKernel<A> {
	return webgpuKernel((ctx) => {
		const { inputs, out } = ctx;
		checkRank(spec.name, out.shape);
		const n = sizeOf(out.shape);
		const views = spec.views ? spec.views(ctx) : broadcastViews(inputs, out.shape);
		const modes: Mode[] = inputs.map((x) => {
			if (spec.views) return 'strided';
			const size = sizeOf(x.shape);
			return size === n ? 'same' : size === 1 ? 'scalar' : 'strided';
		});
		const types = inputs.map((x) => wgslType(x.dtype, spec.name));
		const outType = wgslType(out.dtype, spec.name);
		// integer arithmetic only when operands and result are all int32 (int32 / int32 gives float32)
		const intMath = spec.exprInt !== undefined && outType === 'i32' && types.every((t) => t === 'i32');
		const key = `ew|${spec.name}|${types.join(',')}>${outType}|${modes.join(',')}`;
		const w = new UniformWriter().u32(n, out.shape.length).align().dims(out.shape);
		w.u32(...[0, 1, 2, 3].map((k) => views[k]?.offset ?? 0));
		for (let k = 0; k < 3; k++) w.dims(views[k]?.strides ?? []);
		const source = () => elementwiseSource(spec, types, outType, modes, intMath);
		const check = spec.guard
			? ([index, bits]: readonly [number, number]) => spec.guard!.message(index, new Float32Array(new Uint32Array([bits]).buffer)[0], ctx)
			: undefined;
		return {
			passes: [
				{
					key,
					source,
					bindings: [...inputs.map((_, k) => k), 'out'],
					uniforms: w.build(),
					workgroups: grid(Math.ceil(n / WORKGROUP)),
					check,
				},
			],
		};
	});
}

function elementwiseSource<A>(
	spec: ElementwiseSpec<A>,
	types: readonly ('f32' | 'i32')[],
	outType: 'f32' | 'i32',
	modes: readonly Mode[],
	intMath: boolean,
): string {
	const arity = types.length;
	// field order matches the writer in elementwiseKernel: n, rank, (pad), shape, off, s0, s1, s2
	const struct = `struct U { n: u32, rank: u32, shape: ${DIMS}, off: vec4<u32>, s0: ${DIMS}, s1: ${DIMS}, s2: ${DIMS} }`;
	const decls = declareBindings(
		[...types.map((t, k) => ({ name: `in${k}`, access: 'read' as const, elem: t })), { name: 'out', access: 'write', elem: outType }],
		'U',
		spec.guard !== undefined,
	);
	const lines: string[] = [];
	const strided = modes.some((m) => m === 'strided');
	for (let k = 0; k < arity; k++) if (modes[k] !== 'same') lines.push(`  var o${k} = u.off[${k}];`);
	if (strided) {
		lines.push('  var rem = i;');
		lines.push('  for (var r = 0u; r < u.rank; r++) {');
		lines.push('    let d = u.rank - 1u - r;');
		lines.push(`    let q = rem % ${dimAt('u.shape', 'd')};`);
		lines.push(`    rem = rem / ${dimAt('u.shape', 'd')};`);
		for (let k = 0; k < arity; k++) if (modes[k] === 'strided') lines.push(`    o${k} += q * ${dimAt(`u.s${k}`, 'd')};`);
		lines.push('  }');
	}
	const computeType = intMath ? 'i32' : 'f32';
	spec.names.forEach((name, k) => {
		const at = modes[k] === 'same' ? 'i' : `o${k}`;
		const raw = `in${k}[${at}]`;
		lines.push(`  let ${name} = ${types[k] === computeType ? raw : `${computeType}(${raw})`};`);
	});
	lines.push(`  let v = ${intMath ? spec.exprInt : spec.expr};`);
	const store = outType === computeType ? 'v' : outType === 'i32' ? 'f32_to_i32(v)' : 'f32(v)';
	lines.push(`  out[i] = ${store};`);
	if (spec.guard) {
		const first = spec.names[0];
		lines.push(`  if (${spec.guard.cond}) { report(i, bitcast<u32>(f32(${first}))); }`);
	}
	return `${mathWgsl}
${struct}
${decls}
${entryPoint()}
  if (i >= u.n) { return; }
${lines.join('\n')}
}
`;
}
