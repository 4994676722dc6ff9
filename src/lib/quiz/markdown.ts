/**
 * The Markdown that quiz items use, rendered to HTML: paragraphs (blank lines), `code`,
 * **bold**, *emphasis* and math ($…$ inline, $$…$$ display). Quiz text is short and written by
 * us, so this small renderer replaces a full Markdown pipeline; it runs at build time (chapter
 * quizzes) and in the browser (practice exams, review), with KaTeX passed in as `tex`.
 */

/** Renders TeX to HTML; `katex.renderToString(tex, { displayMode, throwOnError: false })` fits. */
export type TexRenderer = (tex: string, display: boolean) => string;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** `code`, $$display$$ and $inline$ math, found left to right (so `$` inside code stays literal). */
const TOKEN = /`([^`]+)`|\$\$([\s\S]+?)\$\$|\$([^$\n]+?)\$/g;

function emphasis(escaped: string): string {
	return escaped
		.replace(/\*\*(\S(?:[^*]*\S)?)\*\*/g, '<strong>$1</strong>')
		.replace(/(^|[^*\w])\*(\S(?:[^*]*\S)?)\*(?!\*)/g, '$1<em>$2</em>');
}

/** One paragraph's inline content. */
export function renderInline(text: string, tex: TexRenderer): string {
	let out = '';
	let last = 0;
	for (const m of text.matchAll(TOKEN)) {
		out += emphasis(escapeHtml(text.slice(last, m.index)));
		if (m[1] !== undefined) out += `<code>${escapeHtml(m[1])}</code>`;
		else if (m[2] !== undefined) out += tex(m[2], true);
		else out += tex(m[3]!, false);
		last = m.index! + m[0].length;
	}
	return out + emphasis(escapeHtml(text.slice(last)));
}

/** Paragraphs of Markdown, each wrapped in `<p>`. */
export function renderMarkdown(markdown: string, tex: TexRenderer): string {
	return markdown
		.trim()
		.split(/\n\s*\n/)
		.map((p) => `<p>${renderInline(p.trim(), tex)}</p>`)
		.join('');
}

/** A TeX renderer from KaTeX that never throws (a bad formula shows as red source, not a crash). */
export function katexRenderer(katex: { renderToString(tex: string, options: object): string }): TexRenderer {
	return (tex, display) => katex.renderToString(tex, { displayMode: display, throwOnError: false, strict: 'ignore', output: 'htmlAndMathml' });
}
