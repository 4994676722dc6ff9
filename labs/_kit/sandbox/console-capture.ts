export interface LogEntry {
	level: 'log' | 'info' | 'warn' | 'error';
	text: string;
}

export interface CapturedConsole {
	console: Pick<Console, 'log' | 'warn' | 'error' | 'info'>;
	entries: LogEntry[];
	/** Lines dropped after the limit, so a print loop cannot flood the page. */
	dropped: () => number;
}

/** Formats a value as a learner expects to see it (tensors print their values; objects as JSON). */
export function formatValue(value: unknown, depth = 0): string {
	if (typeof value === 'string') return value;
	if (value === undefined) return 'undefined';
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === null) return String(value);
	if (typeof value === 'function') return `[function ${value.name || 'anonymous'}]`;
	if (value instanceof Error) return `${value.name}: ${value.message}`;
	if (typeof value === 'object' && (value as { isTensor?: boolean }).isTensor) return String(value);
	if (depth > 2) return '…';
	try {
		if (Array.isArray(value)) return `[${value.slice(0, 50).map((v) => formatValue(v, depth + 1)).join(', ')}${value.length > 50 ? ', …' : ''}]`;
		const entries = Object.entries(value as object).slice(0, 30);
		return `{ ${entries.map(([k, v]) => `${k}: ${formatValue(v, depth + 1)}`).join(', ')} }`;
	} catch {
		return String(value);
	}
}

/** A console that records at most `maxLines` lines of at most `maxChars` characters each. */
export function captureConsole(maxLines = 500, maxChars = 2000, onEntry?: (e: LogEntry) => void): CapturedConsole {
	const entries: LogEntry[] = [];
	let dropped = 0;
	const write = (level: LogEntry['level']) => (...args: unknown[]) => {
		if (entries.length >= maxLines) {
			dropped++;
			return;
		}
		let text = args.map((a) => formatValue(a)).join(' ');
		if (text.length > maxChars) text = `${text.slice(0, maxChars)}… (${text.length - maxChars} more characters)`;
		const entry = { level, text };
		entries.push(entry);
		onEntry?.(entry);
	};
	return { console: { log: write('log'), info: write('info'), warn: write('warn'), error: write('error') }, entries, dropped: () => dropped };
}
