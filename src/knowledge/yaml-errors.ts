import type { CST, LineCounter, YAMLError } from 'yaml';
import type { KnowledgeProblem } from '../service.js';
import { messages, type Opener } from './problems.js';
import { yamlLib } from './yaml-lib.js';

interface Located {
  error: YAMLError;
  line: number;
  column: number;
  /** Set when the error is an unclosed [, {, " or ' found further up: the line to fix is the opener's. */
  opener?: Opener;
}

/**
 * The yaml library's syntax errors, turned into what a maintainer can act on. One slip (a line
 * indented one space too far) makes the parser report every line after it; the first error is at
 * the line to fix, so only it is kept, said in plain words. A value starting with * or & is a YAML
 * alias or anchor by accident: each such line is reported on its own, with what * and & mean.
 */
export function syntaxProblems(
  file: string,
  text: string,
  errors: readonly YAMLError[],
  lineCounter: LineCounter,
): KnowledgeProblem[] {
  const lines = text.split(/\r?\n/);
  const openers = unclosedOpeners(text);
  const located: Located[] = errors
    .map((e) => {
      // The parser notices an unclosed [ or quote only where something else should have closed it (the
      // next line, or the end of the file): the mistake is at the opener, the latest one before.
      const opener = openers.findLast((o) => o.offset <= e.pos[0]);
      const pos = opener
        ? lineCounter.linePos(opener.offset)
        : (e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]));
      return { error: e, line: pos.line, column: pos.col, opener: opener?.char };
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
  const problems: KnowledgeProblem[] = [];
  const seenLines = new Set<number>();
  for (const { error, line, column, opener } of located) {
    if (seenLines.has(line)) continue;
    const marker = aliasMarker(lines[line - 1] ?? '');
    if (marker) {
      seenLines.add(line);
      problems.push({
        file,
        line,
        column: marker.column,
        field: '',
        message: messages.aliasOrAnchor(marker.char),
      });
      continue;
    }
    // Everything after the first real syntax error is usually its echo: report the first only.
    if (problems.some((p) => !p.message.startsWith(ALIAS_PREFIX))) continue;
    seenLines.add(line);
    const message = opener ? messages.unclosed(opener) : plain(error, lines, line);
    problems.push({ file, line, column, field: '', message });
  }
  return problems;
}

/**
 * Every [ or { that no ] or } closes, and every quoted value with no closing quote, in the order they
 * open, read from the yaml library's own concrete syntax tree (so brackets inside quotes or comments,
 * and apostrophes inside plain words, are never taken for openers).
 */
export function unclosedOpeners(text: string): { offset: number; char: Opener }[] {
  const found: { offset: number; char: Opener }[] = [];
  const check = (token: CST.Token | undefined) => {
    if (token?.type === 'flow-collection') {
      const open = token.start.source as '[' | '{';
      const close = open === '[' ? ']' : '}';
      if (!token.end.some((t) => t.source === close)) found.push({ offset: token.offset, char: open });
    }
    if (token?.type === 'double-quoted-scalar' || token?.type === 'single-quoted-scalar') {
      const quote = token.source[0] as '"' | "'";
      if (!closesQuote(token.source, quote)) found.push({ offset: token.offset, char: quote });
    }
  };
  const { CST: cst, Parser } = yamlLib();
  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document') continue;
    cst.visit(token, (item) => {
      check(item.key ?? undefined);
      check(item.value);
    });
  }
  return found.sort((a, b) => a.offset - b.offset);
}

/** Whether a quoted scalar's source ends with its closing quote ('' and \" are escapes, not ends). */
function closesQuote(source: string, quote: '"' | "'"): boolean {
  const body = source.slice(1);
  if (quote === '"') return /(^|[^\\])(\\\\)*"$/.test(body);
  return /^(?:[^']|'')*'$/.test(body);
}

const ALIAS_PREFIX = messages.aliasOrAnchor('*').slice(0, 20);

/** A value that starts with * or & (after "key: ", "- ", "[" or ","), outside quotes. */
export function aliasMarker(line: string): { char: '*' | '&'; column: number } | undefined {
  const match = /(^\s*-\s+|:\s+|[[{,]\s*)([*&])/.exec(line.replace(/#.*$/, ''));
  if (!match || match.index === undefined) return undefined;
  const before = line.slice(0, match.index + (match[1]?.length ?? 0));
  if ((before.match(/"/g)?.length ?? 0) % 2 === 1 || (before.match(/'/g)?.length ?? 0) % 2 === 1)
    return undefined;
  return { char: match[2] as '*' | '&', column: before.length + 1 };
}

const INDENTATION = new Set([
  'BAD_INDENT',
  'MISSING_CHAR',
  'UNEXPECTED_TOKEN',
  'BLOCK_AS_IMPLICIT_KEY',
  'MULTILINE_IMPLICIT_KEY',
  'TAB_AS_INDENT',
]);

function plain(error: YAMLError, lines: string[], line: number): string {
  const detail = error.message.split('\n')[0] ?? error.code;
  const text = lines[line - 1] ?? '';
  if (!INDENTATION.has(error.code) && !/column|indent|implicit|sequence item/i.test(detail))
    return messages.yamlSyntax(detail);
  const spaces = /^ */.exec(text)?.[0].length ?? 0;
  const above = lines
    .slice(0, line - 1)
    .reverse()
    .find((l) => l.trim() && !l.trim().startsWith('#'));
  const aboveSpaces = above === undefined ? 0 : (/^ */.exec(above)?.[0].length ?? 0);
  const tab = /\t/.test(text.slice(0, spaces + 1));
  // Lined up with the line above: not an indentation slip (an unclosed [ or quote, say).
  if (!tab && spaces === aboveSpaces) return messages.yamlSyntax(detail);
  return messages.indentation(spaces, aboveSpaces, tab);
}
