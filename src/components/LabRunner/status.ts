/**
 * A lab's status in one word or two, for the course map, the chapter's lab card and the lab page.
 */
import type { LabProgressRecord } from '../../lib/store/schema';

export type LabStatusKind = 'not-started' | 'in-progress' | 'passed';

export interface LabStatus {
	kind: LabStatusKind;
	label: string;
}

export function labStatus(progress: LabProgressRecord | undefined, hasDraft = false): LabStatus {
	if (!progress || progress.attempts === 0) {
		return hasDraft ? { kind: 'in-progress', label: 'In progress' } : { kind: 'not-started', label: 'Not started' };
	}
	const revealed = progress.revealedAt !== null ? ' · solution revealed' : '';
	if (progress.passed) return { kind: 'passed', label: `Passed · ${progress.bestScore} / ${progress.maxScore}${revealed}` };
	return { kind: 'in-progress', label: `Best score ${progress.bestScore} / ${progress.maxScore}${revealed}` };
}
