/** Fills every `[data-lab-status="<lab id>"]` on the page with that lab's status from the learner store. */
import { learnerStore } from '../../lib/store/shared';
import { labStatus } from './status';

async function fill(): Promise<void> {
	const badges = [...document.querySelectorAll<HTMLElement>('[data-lab-status]')];
	if (badges.length === 0) return;
	const store = await learnerStore();
	const progress = new Map((await store.allLabProgress()).map((p) => [p.labId, p]));
	const ids = [...new Set(badges.map((b) => b.dataset.labStatus!))];
	const drafts = new Map(await Promise.all(ids.map(async (id) => [id, (await store.getDraft(id)) !== undefined] as const)));
	for (const badge of badges) {
		const id = badge.dataset.labStatus!;
		const status = labStatus(progress.get(id), drafts.get(id));
		badge.textContent = status.label;
		badge.dataset.status = status.kind;
		badge.hidden = false;
	}
}

fill().catch(() => {
	/* no storage (private mode): statuses stay hidden */
});
// A lab page updates its own badge after a check.
addEventListener('chainrule:lab-progress', () => void fill());
