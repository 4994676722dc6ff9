import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DIGITS_COLS, DIGITS_ROWS, DIGITS_SHA256 } from './digits-data';
import { digitsBytes, loadDigits } from './digits';

// sha256 of the 1,797 × 65 bytes parsed from shared/data/digits/digits.csv.gz (worked out once when shipping)
const ORIGINAL_SHA256 = '68aea062d35a127749050fa0e52dca09d6569ac08092c925610e0954e172dde2';
// counts per class 0..9 in the original file (`zcat digits.csv.gz | cut -d, -f65 | sort -n | uniq -c`)
const CLASS_COUNTS = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180];
// CI clones the repo with shared/ beside it, as does the work tree: ../shared from the repo root
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ORIGINAL = path.join(REPO_ROOT, '../shared/data/digits/digits.csv.gz');
const hasOriginal = existsSync(ORIGINAL);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the shipped digits', () => {
	it('hold 1,797 rows of 64 pixels in 0..16 and a label in 0..9', () => {
		const bytes = digitsBytes();
		expect(DIGITS_ROWS).toBe(1797);
		expect(DIGITS_COLS).toBe(65);
		expect(bytes.length).toBe(1797 * 65);
		let maxPixel = 0;
		let maxLabel = 0;
		for (let r = 0; r < DIGITS_ROWS; r++) {
			for (let c = 0; c < 64; c++) maxPixel = Math.max(maxPixel, bytes[r * 65 + c]);
			maxLabel = Math.max(maxLabel, bytes[r * 65 + 64]);
		}
		expect([maxPixel, maxLabel]).toEqual([16, 9]);
	});

	it('have the label distribution of the original (about 180 per class)', () => {
		const bytes = digitsBytes();
		const counts = new Array(10).fill(0);
		for (let r = 0; r < DIGITS_ROWS; r++) counts[bytes[r * 65 + 64]]++;
		expect(counts).toEqual(CLASS_COUNTS);
	});

	it('decode to the checksum recorded when they were shipped', () => {
		expect(sha256(digitsBytes())).toBe(ORIGINAL_SHA256);
		expect(DIGITS_SHA256).toBe(ORIGINAL_SHA256);
	});

	// CI and a fresh clone have shared/ beside the repo; without it this one comparison is skipped, saying why
	const compareTitle = hasOriginal
		? 'match the original digits.csv.gz byte for byte'
		: `match the original digits.csv.gz byte for byte (SKIPPED: ${ORIGINAL} not found; shared/ is not beside the repo)`;
	if (!hasOriginal) console.warn(`digits.test.ts: ${ORIGINAL} not found, so the shipped copy is checked only against its recorded checksum`);
	it.skipIf(!hasOriginal)(compareTitle, () => {
		const rows = gunzipSync(readFileSync(ORIGINAL)).toString('utf8').trim().split('\n');
		const original = Uint8Array.from(rows.flatMap((line) => line.split(',').map(Number)));
		expect(rows.length).toBe(1797);
		expect(sha256(original)).toBe(ORIGINAL_SHA256);
		expect(digitsBytes()).toEqual(original);
	});

	it('start with the first row of the original file (a 0)', () => {
		// `zcat digits.csv.gz | head -1`
		const first = [0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0, 0, 8, 8, 0,
			0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0, 0];
		expect([...digitsBytes().subarray(0, 65)]).toEqual(first);
	});

	it('are copied per call, so changing one copy leaves the next intact', () => {
		const a = digitsBytes();
		a[0] = 99;
		expect(digitsBytes()[0]).toBe(0);
	});
});

describe('loadDigits', () => {
	it('gives X [1797, 64] float32, y [1797] int32 and images [1797, 1, 8, 8]', async () => {
		const { X, y, images } = loadDigits();
		expect(X.shape).toEqual([1797, 64]);
		expect(X.dtype).toBe('float32');
		expect(y.shape).toEqual([1797]);
		expect(y.dtype).toBe('int32');
		expect(images.shape).toEqual([1797, 1, 8, 8]);
		expect(await X.amax().item()).toBe(16);
		expect(await X.amin().item()).toBe(0);
		expect(await y.slice(0, 0, 3).tolist()).toEqual([0, 1, 2]);
		// images[0, 0, 1] is pixel row 1 of the first image: X[0, 8..15]
		expect(await images.slice(0, 0, 1).reshape([8, 8]).slice(0, 1, 2).tolist()).toEqual([[0, 0, 13, 15, 10, 15, 5, 0]]);
	});

	it('normalizes pixels to [0, 1] by dividing by 16, in float64 when asked', async () => {
		const { X } = loadDigits({ dtype: 'float64', normalize: true });
		expect(X.dtype).toBe('float64');
		expect(await X.amax().item()).toBe(1);
		expect(await X.slice(0, 0, 1).slice(1, 2, 4).tolist()).toEqual([[5 / 16, 13 / 16]]);
	});

	it('rejects an integer dtype, saying which fit', () => {
		// @ts-expect-error: int32 is not a pixel dtype
		expect(() => loadDigits({ dtype: 'int32' })).toThrow("loadDigits: dtype must be 'float32' or 'float64'");
	});
});
