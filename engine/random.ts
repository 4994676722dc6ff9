/**
 * The engine's seeded random source, so every lab and test is reproducible.
 *
 * Uniforms come from xoshiro128** (Blackman & Vigna, https://prng.di.unimi.it/), seeded through splitmix32;
 * normals come from the Box–Muller transform. The streams differ from PyTorch's: the same seed gives the same
 * numbers here on every machine, not the numbers `torch.manual_seed` gives.
 */
export class RandomSource {
	private s = new Uint32Array(4);
	private spareNormal: number | null = null;

	constructor(seed = 0) {
		this.seed(seed);
	}

	seed(seed: number): void {
		let x = (Math.trunc(seed) >>> 0) ^ 0x9e3779b9;
		for (let i = 0; i < 4; i++) {
			// splitmix32 step
			x = (x + 0x9e3779b9) >>> 0;
			let z = x;
			z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
			z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
			this.s[i] = (z ^ (z >>> 16)) >>> 0;
		}
		if (this.s.every((v) => v === 0)) this.s[0] = 1;
		this.spareNormal = null;
	}

	/** A uniform 32-bit unsigned integer. */
	nextUint32(): number {
		const s = this.s;
		const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
		const t = (s[1] << 9) >>> 0;
		s[2] ^= s[0];
		s[3] ^= s[1];
		s[1] ^= s[2];
		s[0] ^= s[3];
		s[2] ^= t;
		s[3] = rotl(s[3], 11);
		return result;
	}

	/** Uniform in [0, 1) with 53 random bits. */
	uniform(): number {
		const hi = this.nextUint32() >>> 5; // 27 bits
		const lo = this.nextUint32() >>> 6; // 26 bits
		return (hi * 67108864 + lo) / 9007199254740992;
	}

	/** Standard normal by Box–Muller; the second value of each pair is kept for the next call. */
	normal(): number {
		if (this.spareNormal !== null) {
			const v = this.spareNormal;
			this.spareNormal = null;
			return v;
		}
		let u1 = this.uniform();
		while (u1 <= Number.MIN_VALUE) u1 = this.uniform();
		const u2 = this.uniform();
		const r = Math.sqrt(-2 * Math.log(u1));
		this.spareNormal = r * Math.sin(2 * Math.PI * u2);
		return r * Math.cos(2 * Math.PI * u2);
	}

	/** Uniform integer in [low, high). */
	int(low: number, high: number): number {
		return low + Math.floor(this.uniform() * (high - low));
	}

	/** Fisher–Yates permutation of 0..n-1. */
	permutation(n: number): Int32Array {
		const p = new Int32Array(n);
		for (let i = 0; i < n; i++) p[i] = i;
		for (let i = n - 1; i > 0; i--) {
			const j = this.int(0, i + 1);
			const t = p[i];
			p[i] = p[j];
			p[j] = t;
		}
		return p;
	}
}

function rotl(x: number, k: number): number {
	return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** The global generator behind `rand`, `randn`, dropout and initialisers. */
export const defaultGenerator = new RandomSource(0);

/** Seeds the global generator, as `torch.manual_seed` does. */
export function manualSeed(seed: number): void {
	defaultGenerator.seed(seed);
}
