/**
 * The code editor of a lab page: Monaco when it loads (imported dynamically, only here), a plain textarea when
 * it does not, behind one small interface so the rest of the page does not care which.
 */
import type { SourceLocation } from '../../../labs/_kit/sandbox/compile';

export interface CodeEditor {
	readonly kind: 'monaco' | 'textarea';
	getValue(): string;
	/** Replaces the text as one undoable edit. */
	setValue(code: string): void;
	onChange(listener: (code: string) => void): void;
	/** Marks the problem in the editor (a squiggle and a gutter marker at the learner's line). */
	showProblem(location: SourceLocation, message: string): void;
	clearProblems(): void;
	/** Moves the cursor to a line and focuses the editor. */
	goTo(location: SourceLocation): void;
}

export interface EditorOptions {
	value: string;
	/** The accessible name of the editor, e.g. "Code editor: starter.ts of A dense network's forward pass". */
	ariaLabel: string;
	onRun: () => void;
	onCheck: () => void;
}

const isDark = () => document.documentElement.dataset.theme === 'dark';
const themeName = () => (isDark() ? 'chainrule-dark' : 'vs');

export async function createCodeEditor(host: HTMLElement, options: EditorOptions): Promise<CodeEditor> {
	try {
		return await createMonacoEditor(host, options);
	} catch (error) {
		console.error('Chainrule: the code editor (Monaco) failed to load; using a plain text box.', error);
		return createTextareaEditor(host, options);
	}
}

async function createMonacoEditor(host: HTMLElement, options: EditorOptions): Promise<CodeEditor> {
	const { monaco } = await import('./monaco-setup');
	// vs-dark's comment colour (#608b4e on #1e1e1e) is below WCAG AA contrast (4.2:1); this one is 5.5:1.
	monaco.editor.defineTheme('chainrule-dark', { base: 'vs-dark', inherit: true, rules: [{ token: 'comment', foreground: '7ca668' }], colors: {} });
	const model = monaco.editor.createModel(options.value, 'typescript', monaco.Uri.parse('file:///lab/main.ts'));
	host.replaceChildren();
	const editor = monaco.editor.create(host, {
		model,
		theme: themeName(),
		automaticLayout: true,
		minimap: { enabled: false },
		fontSize: 14,
		tabSize: 4,
		insertSpaces: false,
		scrollBeyondLastLine: false,
		fixedOverflowWidgets: true,
		// 'auto' turns on screen-reader optimisations when one is detected; Alt+F1 (Option+F1) opens Monaco's
		// accessibility help, Ctrl+M (Ctrl+Shift+M on a Mac) makes Tab move focus out of the editor.
		accessibilitySupport: 'auto',
		ariaLabel: `${options.ariaLabel}. Press Alt+F1 for accessibility help; press Ctrl+M to make Tab move focus.`,
	});
	new MutationObserver(() => monaco.editor.setTheme(themeName())).observe(document.documentElement, {
		attributes: true,
		attributeFilter: ['data-theme'],
	});
	// Inside the editor Ctrl+Enter would insert a line; here it runs, as the page's shortcuts promise.
	editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => options.onRun());
	editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => options.onCheck());

	// For the browser tests (and the curious): the editor's model, to set and read the text directly.
	(window as unknown as { chainruleMonaco?: unknown }).chainruleMonaco = monaco;

	return {
		kind: 'monaco',
		getValue: () => model.getValue(),
		setValue(code) {
			editor.pushUndoStop();
			editor.executeEdits('chainrule', [{ range: model.getFullModelRange(), text: code }]);
			editor.pushUndoStop();
		},
		onChange(listener) {
			model.onDidChangeContent(() => listener(model.getValue()));
		},
		showProblem(location, message) {
			const line = Math.min(Math.max(1, location.line), model.getLineCount());
			const column = Math.max(1, location.column);
			const end = model.getLineMaxColumn(line);
			monaco.editor.setModelMarkers(model, 'chainrule', [
				{
					severity: monaco.MarkerSeverity.Error,
					message,
					startLineNumber: line,
					startColumn: Math.min(column, Math.max(1, end - 1)),
					endLineNumber: line,
					endColumn: end,
				},
			]);
			editor.revealLineInCenterIfOutsideViewport(line);
		},
		clearProblems() {
			monaco.editor.setModelMarkers(model, 'chainrule', []);
		},
		goTo(location) {
			editor.setPosition({ lineNumber: Math.max(1, location.line), column: Math.max(1, location.column) });
			editor.revealLineInCenter(Math.max(1, location.line));
			editor.focus();
		},
	};
}

function createTextareaEditor(host: HTMLElement, options: EditorOptions): CodeEditor {
	const area = document.createElement('textarea');
	area.className = 'lab-textarea';
	area.spellcheck = false;
	area.value = options.value;
	area.setAttribute('aria-label', options.ariaLabel);
	host.replaceChildren(area);
	const problem = document.createElement('p');
	problem.className = 'lab-textarea-problem';
	problem.hidden = true;
	host.append(problem);
	return {
		kind: 'textarea',
		getValue: () => area.value,
		setValue(code) {
			area.value = code;
			area.dispatchEvent(new Event('input'));
		},
		onChange(listener) {
			area.addEventListener('input', () => listener(area.value));
		},
		showProblem(location, message) {
			problem.hidden = false;
			problem.textContent = `Line ${location.line}, column ${location.column}: ${message}`;
		},
		clearProblems() {
			problem.hidden = true;
		},
		goTo(location) {
			const lines = area.value.split('\n');
			const offset = lines.slice(0, Math.max(0, location.line - 1)).reduce((n, l) => n + l.length + 1, 0) + Math.max(0, location.column - 1);
			area.focus();
			area.setSelectionRange(offset, offset);
		},
	};
}
