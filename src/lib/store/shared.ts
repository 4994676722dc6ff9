import { LearnerStore } from './learner-store';

let shared: Promise<LearnerStore> | null = null;

/**
 * The page's one store connection (opened on first use). Its own module, so pages that only need the store
 * (lab pages, status badges) do not also load the backup code and its schema library.
 */
export function learnerStore(): Promise<LearnerStore> {
	shared ??= LearnerStore.open();
	return shared;
}
