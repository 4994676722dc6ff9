import { describe, expect, it } from 'vitest';
import { chapterSlug } from '~/lib/chapter-schema.ts';

describe('chapterSlug', () => {
	it('drops the folder, the extension and a number prefix', () => {
		expect(chapterSlug('02-neuron.mdx')).toBe('neuron');
		expect(chapterSlug('content/chapters/10_attention.mdx')).toBe('attention');
		expect(chapterSlug('backprop-by-hand.mdx')).toBe('backprop-by-hand');
	});

	it('keeps numbers that are part of the name', () => {
		expect(chapterSlug('03-conv2d.mdx')).toBe('conv2d');
		expect(chapterSlug('1x1-convolutions.mdx')).toBe('1x1-convolutions');
	});
});
