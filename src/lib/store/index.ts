/** The learner store (DESIGN.md §6): progress that survives reloads, deployments and content updates. */
export { LearnerStore } from './learner-store';
export { exportProgress, importProgress, eraseProgress, parseBackup, BackupError, BACKUP_FORMAT, type ProgressBackup } from './backup';
export { DB_NAME, DB_VERSION, type AttemptRecord, type DraftRecord, type ExamRecord, type LabProgressRecord, type QuizAnswerRecord, type ReviewCardRecord } from './schema';

import { LearnerStore } from './learner-store';

let shared: Promise<LearnerStore> | null = null;

/** The page's one store connection (opened on first use). */
export function learnerStore(): Promise<LearnerStore> {
	shared ??= LearnerStore.open();
	return shared;
}
