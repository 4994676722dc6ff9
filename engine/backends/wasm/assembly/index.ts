// AssemblyScript entry of the engine's WASM kernels (built by scripts/build-wasm.mjs). The JS side
// (engine/backends/wasm/runtime.ts) owns all memory above heapBase(): it copies operands in, calls a kernel
// with byte offsets, and copies results out.
export { gemmWorkBytes, sgemm } from './gemm';
export { binary, unary, where, permute } from './elementwise';
export { sumDims } from './reduce';
export { conv2dForward, conv2dBackwardInput, conv2dBackwardWeight } from './conv';
export { maxPoolArgmax, gatherIndex, scatterIndexAdd } from './pool';

/** First free byte after the module's static data: the JS arena starts here. */
export function heapBase(): usize {
	return __heap_base;
}
