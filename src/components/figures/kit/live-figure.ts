/**
 * The client half of every live figure: a custom element that waits until its figure is about to
 * scroll into view, then calls the figure's `setup` once, and keeps it in step with the site theme
 * and the reduced-motion preference. Figures never compute or draw off screen, so a chapter with
 * five figures costs nothing until the reader gets there.
 *
 * ```ts
 * defineLiveFigure('activations-figure', async (ctx) => {
 * 	const { mount } = await import('./activations.client.ts'); // engine + chart.js load lazily
 * 	return mount(ctx);
 * });
 * ```
 *
 * The element's `data-state` goes waiting → loading → ready (or error), which the e2e tests read.
 */
import { resolveTheme, type Theme } from '~/lib/theme.ts';
import { paletteFor, type Palette } from './palette.ts';

export interface FigureContext {
	/** The custom element (holds the controls, canvases and status line). */
	root: HTMLElement;
	/** The figure's config from `<FigureFrame config={…}>`, parsed from JSON (`{}` if none). */
	config: Record<string, unknown>;
	/** The canvas named `name` in `<FigureFrame canvases={…}>` (throws if there is none). */
	canvas(name?: string): HTMLCanvasElement;
	/** An element inside the figure marked `data-part="name"` (throws if there is none). */
	part<T extends Element = HTMLElement>(name: string): T;
	palette: Palette;
	reducedMotion: boolean;
	/** Yields to the browser so long computations do not freeze the page. */
	nextFrame(): Promise<void>;
}

export interface FigureInstance {
	/** The theme changed: recolour and redraw. */
	setPalette?(palette: Palette): void;
	/** prefers-reduced-motion changed. */
	setReducedMotion?(reduced: boolean): void;
	/** The element left the page. */
	destroy?(): void;
}

export type FigureSetup = (ctx: FigureContext) => FigureInstance | Promise<FigureInstance>;

export type FigureState = 'waiting' | 'loading' | 'ready' | 'error';

/** The site theme as it is now (`data-theme` on <html>, set before first paint by ThemeScript). */
export function currentTheme(): Theme {
	return resolveTheme(
		document.documentElement.dataset.theme,
		matchMedia('(prefers-color-scheme: dark)').matches,
	);
}

const reducedMotionQuery = () => matchMedia('(prefers-reduced-motion: reduce)');

/** Resolves after the next paint (or a macrotask when the tab is hidden and rAF is paused). */
export function nextFrame(): Promise<void> {
	return new Promise((resolve) => {
		let done = false;
		const finish = () => {
			if (!done) {
				done = true;
				resolve();
			}
		};
		requestAnimationFrame(() => setTimeout(finish, 0));
		setTimeout(finish, 50);
	});
}

/** Registers `tagName` as a live figure element; safe to call more than once. */
export function defineLiveFigure(tagName: string, setup: FigureSetup): void {
	if (customElements.get(tagName)) return;
	customElements.define(
		tagName,
		class extends LiveFigureElement {
			protected setup = setup;
		},
	);
}

abstract class LiveFigureElement extends HTMLElement {
	protected abstract setup: FigureSetup;
	private instance: FigureInstance | null = null;
	private cleanups: (() => void)[] = [];
	private started = false;

	connectedCallback(): void {
		if (this.started) return;
		this.setState('waiting');
		if (!('IntersectionObserver' in window)) {
			void this.start();
			return;
		}
		// Start a little before the figure is on screen, so it is drawn when the reader arrives.
		const observer = new IntersectionObserver(
			(entries) => {
				if (entries.some((e) => e.isIntersecting)) {
					observer.disconnect();
					void this.start();
				}
			},
			{ rootMargin: '300px 0px' },
		);
		observer.observe(this);
		this.cleanups.push(() => observer.disconnect());
	}

	disconnectedCallback(): void {
		this.cleanups.forEach((fn) => fn());
		this.cleanups = [];
		this.instance?.destroy?.();
		this.instance = null;
		this.started = false;
	}

	private setState(state: FigureState, message = ''): void {
		this.dataset.state = state;
		const status = this.querySelector<HTMLElement>('[data-part="status"]');
		if (status) {
			status.textContent = message;
			status.hidden = message === '';
		}
	}

	private async start(): Promise<void> {
		if (this.started) return;
		this.started = true;
		this.setState('loading', 'Computing with the engine…');
		const motion = reducedMotionQuery();
		try {
			this.instance = await this.setup(this.context(motion.matches));
		} catch (error) {
			console.error(`${this.localName}:`, error);
			const reason = error instanceof Error ? error.message : String(error);
			this.setState(
				'error',
				`This figure could not be drawn (${reason}). Its data is in the table under the caption.`,
			);
			return;
		}
		this.setState('ready');

		const themeObserver = new MutationObserver(() =>
			this.instance?.setPalette?.(paletteFor(currentTheme())),
		);
		themeObserver.observe(document.documentElement, {
			attributes: true,
			attributeFilter: ['data-theme'],
		});
		const onMotion = () => this.instance?.setReducedMotion?.(motion.matches);
		motion.addEventListener('change', onMotion);
		this.cleanups.push(
			() => themeObserver.disconnect(),
			() => motion.removeEventListener('change', onMotion),
		);
	}

	private context(reducedMotion: boolean): FigureContext {
		const root = this as HTMLElement;
		let config: Record<string, unknown> = {};
		try {
			config = JSON.parse(root.dataset.config ?? '{}') as Record<string, unknown>;
		} catch {
			throw new Error(`${root.localName}: data-config is not valid JSON`);
		}
		const part = <T extends Element>(name: string): T => {
			const el = root.querySelector<T & Element>(`[data-part="${name}"]`);
			if (!el) throw new Error(`${root.localName}: no element with data-part="${name}"`);
			return el as T;
		};
		return {
			root,
			config,
			canvas: (name = 'main') => {
				const el = root.querySelector<HTMLCanvasElement>(`canvas[data-canvas="${name}"]`);
				if (!el) throw new Error(`${root.localName}: no canvas named "${name}"`);
				return el;
			},
			part,
			palette: paletteFor(currentTheme()),
			reducedMotion,
			nextFrame,
		};
	}
}
