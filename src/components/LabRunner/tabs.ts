/**
 * The output panel's tabs, following the WAI-ARIA tabs pattern: arrow keys, Home and End move between tabs
 * (activation follows focus), only the selected tab is in the Tab order.
 */
export interface Tabs {
	select(id: string, options?: { focus?: boolean }): void;
	selected(): string;
	/** Sets the small count after a tab's name ("Console 12"); 0 hides it. */
	setCount(id: string, count: number): void;
}

export function setupTabs(tablist: HTMLElement): Tabs {
	const tabs = [...tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
	const panelOf = (tab: HTMLElement) => document.getElementById(tab.getAttribute('aria-controls') ?? '');
	const select = (tab: HTMLButtonElement, focus = false) => {
		for (const t of tabs) {
			const on = t === tab;
			t.setAttribute('aria-selected', String(on));
			t.tabIndex = on ? 0 : -1;
			const panel = panelOf(t);
			if (panel) panel.hidden = !on;
		}
		if (focus) tab.focus();
	};
	for (const tab of tabs) {
		tab.addEventListener('click', () => select(tab));
		tab.addEventListener('keydown', (event) => {
			const i = tabs.indexOf(tab);
			const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
			if (next === undefined) return;
			event.preventDefault();
			select(tabs[(next + tabs.length) % tabs.length], true);
		});
	}
	select(tabs.find((t) => t.getAttribute('aria-selected') === 'true') ?? tabs[0]);
	const byId = (id: string) => tabs.find((t) => t.dataset.tab === id);
	return {
		select(id, options = {}) {
			const tab = byId(id);
			if (tab) select(tab, options.focus);
		},
		selected: () => tabs.find((t) => t.getAttribute('aria-selected') === 'true')?.dataset.tab ?? '',
		setCount(id, count) {
			const badge = byId(id)?.querySelector('.lab-tab-count');
			if (badge) badge.textContent = count > 0 ? String(count) : '';
		},
	};
}
