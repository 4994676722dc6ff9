/** The learner store (DESIGN.md §6): progress that survives reloads, deployments and content updates. */
export { LearnerStore } from './learner-store';
export { exportProgress, importProgress, eraseProgress, parseBackup, BackupError, BACKUP_FORMAT, type ProgressBackup } from './backup';
export { DB_NAME, DB_VERSION, type AttemptRecord, type DraftRecord, type ExamRecord, type LabProgressRecord, type QuizAnswerRecord, type ReviewCardRecord } from './schema';
export { learnerStore } from './shared';
