import mathWgsl from './math.wgsl?raw';
import { declareBindings, type BindingDecl } from './kernel';

export interface SourceParts {
	/** The element type alias `T` the body uses (f32 or i32). */
	readonly T?: string;
	/** The uniform struct `U`, e.g. `struct U { n: u32 }`. */
	readonly struct?: string;
	readonly buffers: readonly BindingDecl[];
	/** Declares the error flag and `report(a, b)`. */
	readonly check?: boolean;
	/** Includes math.wgsl (is_nan, erf_f, ...). */
	readonly math?: boolean;
	/** The kernel itself, usually an op's `.wgsl` file. */
	readonly body: string;
}

/** Joins a kernel's declarations and body into one WGSL module, in the binding order the backend uses. */
export function assemble(parts: SourceParts): string {
	return [
		parts.math ? mathWgsl : '',
		parts.T ? `alias T = ${parts.T};` : '',
		parts.struct ?? '',
		declareBindings(parts.buffers, parts.struct ? 'U' : undefined, parts.check),
		parts.body,
	]
		.filter(Boolean)
		.join('\n');
}
