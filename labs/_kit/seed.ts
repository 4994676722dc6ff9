/** FNV-1a over a string: a stable 32-bit hash for deriving seeds. */
export function hash32(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h >>> 0;
}

/** The seed of one attempt: different per learner, lab and attempt, the same when re-graded. */
export function attemptSeed(learnerId: string, labId: string, attempt: number, salt = ''): number {
	return hash32(`${learnerId}\u0000${labId}\u0000${attempt}\u0000${salt}`);
}
