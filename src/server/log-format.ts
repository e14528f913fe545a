import type { DestinationStream } from 'pino';

/** pino's numeric levels, as a person reads them. */
const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};
const COLOURS: Record<number, string> = { 40: '\x1b[33m', 50: '\x1b[31m', 60: '\x1b[31m' };
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';
/** Fields every line carries, or that the line's head already shows. */
const HIDDEN = new Set(['level', 'time', 'msg', 'service', 'pid', 'hostname', 'err']);

/** How the log is written: text for a person at a terminal, JSON lines for whatever collects them. */
export function chooseLogFormat(setting: 'text' | 'json' | undefined, isTTY: boolean): 'text' | 'json' {
  return setting ?? (isTTY ? 'text' : 'json');
}

function value(v: unknown): string {
  if (typeof v === 'string') return /^[^\s"=]+$/.test(v) ? v : JSON.stringify(v);
  return JSON.stringify(v) ?? String(v);
}

interface LoggedError {
  type?: string;
  message?: string;
  stack?: string;
}

/** The error's message; its stack too when the line is an error (a warning's cause is its message). */
function errorText(err: LoggedError, level: number): string {
  if (level >= 50 && err.stack) return `\n    ${err.stack.split('\n').join('\n    ')}`;
  return ` err=${value(err.message ?? err.type ?? 'error')}`;
}

/**
 * One pino JSON line as one line of text: "14:03:07 INFO  ready surfaces=["web chat"] url=…", local
 * time, level, message, then the other fields as key=value; an error's stack under an error line.
 * A line that is not pino's JSON is passed through as it is.
 */
export function formatLogLine(line: string, options: { colour?: boolean } = {}): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const level = typeof entry.level === 'number' ? entry.level : 30;
  const time = new Date(typeof entry.time === 'number' ? entry.time : Date.now()).toTimeString().slice(0, 8);
  const name = (LEVELS[level] ?? String(level)).padEnd(5);
  const fields = Object.entries(entry)
    .filter(([key]) => !HIDDEN.has(key))
    .map(([key, v]) => ` ${key}=${value(v)}`)
    .join('');
  const err = entry.err && typeof entry.err === 'object' ? errorText(entry.err as LoggedError, level) : '';
  const colour = options.colour ? (COLOURS[level] ?? '') : '';
  const head = options.colour
    ? `${DIM}${time}${RESET} ${colour}${name}${colour ? RESET : ''}`
    : `${time} ${name}`;
  return `${head} ${String(entry.msg ?? '')}${fields}${err}\n`;
}

/** A pino destination that writes each line as text to `out` (stdout at a terminal). */
export function textDestination(
  out: { write(text: string): unknown },
  options: { colour?: boolean } = {},
): DestinationStream {
  return { write: (line: string) => void out.write(formatLogLine(line, options)) };
}
