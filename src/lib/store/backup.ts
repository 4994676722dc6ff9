import { z } from 'zod';
import type { LearnerStore } from './learner-store';
import { DB_VERSION, STORE_NAMES, type StoreName } from './schema';

/** The file a learner downloads to keep or move their progress. */
export const BACKUP_FORMAT = 'chainrule-progress/1';

const record = z.record(z.string(), z.unknown());

const backupSchema = z.object({
	format: z.literal(BACKUP_FORMAT),
	exportedAt: z.string(),
	schemaVersion: z.number().int().positive(),
	stores: z.object({
		meta: z.array(z.object({ key: z.string(), value: z.unknown() })),
		drafts: z.array(record.and(z.object({ labId: z.string(), code: z.string(), updatedAt: z.number() }))),
		attempts: z.array(record.and(z.object({ labId: z.string(), code: z.string(), submittedAt: z.number(), result: record }))),
		labProgress: z.array(record.and(z.object({ labId: z.string(), bestScore: z.number(), maxScore: z.number(), attempts: z.number() }))),
		quizAnswers: z.array(record.and(z.object({ itemId: z.string(), bankId: z.string(), at: z.number() }))),
		reviewCards: z.array(record.and(z.object({ itemId: z.string(), due: z.number() }))),
		exams: z.array(record.and(z.object({ certId: z.string(), finishedAt: z.number() }))),
	}),
});

export type ProgressBackup = z.infer<typeof backupSchema>;

/** Everything the learner has saved, as one JSON-ready object. */
export async function exportProgress(store: LearnerStore): Promise<ProgressBackup> {
	const db = store.database;
	const meta = await Promise.all((await db.getAllKeys('meta')).map(async (key) => ({ key: String(key), value: await db.get('meta', key) })));
	const stores = { meta } as Record<string, unknown[]>;
	for (const name of STORE_NAMES) if (name !== 'meta') stores[name] = await db.getAll(name);
	return { format: BACKUP_FORMAT, exportedAt: new Date().toISOString(), schemaVersion: DB_VERSION, stores: stores as ProgressBackup['stores'] };
}

export class BackupError extends Error {
	override name = 'BackupError';
}

/** Checks a parsed backup file and explains the first problem in terms a learner can act on. */
export function parseBackup(data: unknown): ProgressBackup {
	if (typeof data !== 'object' || data === null) throw new BackupError('This file is not a Chainrule progress backup (it is not a JSON object).');
	const format = (data as { format?: unknown }).format;
	if (format !== BACKUP_FORMAT) {
		throw new BackupError(`This file is not a Chainrule progress backup: its format is ${JSON.stringify(format ?? null)}, expected "${BACKUP_FORMAT}".`);
	}
	const version = (data as { schemaVersion?: unknown }).schemaVersion;
	if (typeof version === 'number' && version > DB_VERSION) {
		throw new BackupError(`This backup comes from a newer version of Chainrule (schema ${version}; this site reads up to ${DB_VERSION}). Reload the site to update it, then import again.`);
	}
	const parsed = backupSchema.safeParse(data);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new BackupError(`This backup is damaged at ${issue.path.join('.')}: ${issue.message}. Nothing was imported.`);
	}
	return parsed.data;
}

/**
 * Restores a backup. 'merge' keeps what is here and adds what the file has (best scores take the maximum;
 * duplicate attempts and answers are skipped); 'replace' erases first. All or nothing: one transaction.
 */
export async function importProgress(store: LearnerStore, data: unknown, mode: 'merge' | 'replace' = 'merge'): Promise<{ added: number }> {
	const backup = parseBackup(data);
	const db = store.database;
	const tx = db.transaction(STORE_NAMES, 'readwrite');
	let added = 0;
	if (mode === 'replace') for (const name of STORE_NAMES) await tx.objectStore(name).clear();
	for (const { key, value } of backup.stores.meta) {
		if (mode === 'replace' || (await tx.objectStore('meta').get(key)) === undefined) await tx.objectStore('meta').put(value, key);
	}
	const seenAttempts = new Set((await tx.objectStore('attempts').getAll()).map((a) => `${a.labId}@${a.submittedAt}`));
	for (const a of backup.stores.attempts) {
		const key = `${a.labId}@${a.submittedAt}`;
		if (seenAttempts.has(key)) continue;
		const { id: _id, ...rest } = a as Record<string, unknown>;
		await tx.objectStore('attempts').add(rest as never);
		added++;
	}
	const seenAnswers = new Set((await tx.objectStore('quizAnswers').getAll()).map((a) => `${a.itemId}@${a.at}`));
	for (const a of backup.stores.quizAnswers) {
		if (seenAnswers.has(`${a.itemId}@${a.at}`)) continue;
		const { id: _id, ...rest } = a as Record<string, unknown>;
		await tx.objectStore('quizAnswers').add(rest as never);
		added++;
	}
	const seenExams = new Set((await tx.objectStore('exams').getAll()).map((e) => `${e.certId}@${e.finishedAt}`));
	for (const e of backup.stores.exams) {
		if (seenExams.has(`${e.certId}@${e.finishedAt}`)) continue;
		const { id: _id, ...rest } = e as Record<string, unknown>;
		await tx.objectStore('exams').add(rest as never);
		added++;
	}
	for (const p of backup.stores.labProgress) {
		const mine = await tx.objectStore('labProgress').get(p.labId);
		const merged = mine
			? { ...mine, bestScore: Math.max(mine.bestScore, p.bestScore), attempts: Math.max(mine.attempts, p.attempts), passed: mine.passed || Boolean(p.passed), revealedAt: mine.revealedAt ?? (p.revealedAt as number | null) ?? null }
			: p;
		if (mine && JSON.stringify(mine) === JSON.stringify(merged)) continue;
		await tx.objectStore('labProgress').put(merged as never);
		added++;
	}
	for (const d of backup.stores.drafts) {
		const mine = await tx.objectStore('drafts').get(d.labId);
		if (!mine || mine.updatedAt < d.updatedAt) {
			await tx.objectStore('drafts').put(d as never);
			added++;
		}
	}
	for (const c of backup.stores.reviewCards) {
		const mine = await tx.objectStore('reviewCards').get(c.itemId);
		if (!mine || Number(mine.updatedAt) < Number((c as { updatedAt?: number }).updatedAt ?? 0)) {
			await tx.objectStore('reviewCards').put(c as never);
			added++;
		}
	}
	await tx.done;
	return { added };
}

/** Erases every saved record (the learner asked for it). */
export async function eraseProgress(store: LearnerStore): Promise<void> {
	const tx = store.database.transaction(STORE_NAMES, 'readwrite');
	for (const name of STORE_NAMES) await tx.objectStore(name as StoreName).clear();
	await tx.done;
}
