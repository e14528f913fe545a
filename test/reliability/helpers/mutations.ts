import { isPair, isScalar, LineCounter, parseDocument, visit } from 'yaml';

/** Ways a maintainer's edit can go wrong, applied to knowledge YAML text. Pure, so failures replay. */
export const MUTATION_KINDS = [
  'delete a line',
  'change an indent',
  'swap two ids',
  'break a date',
  'duplicate a key',
  'swap two lines',
  'cut the file short',
  'insert stray characters',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

/** A mutation and the numbers that choose where it lands (taken modulo what is there). */
export interface Mutation {
  kind: MutationKind;
  file: number;
  a: number;
  b: number;
}

export interface MutatedFile {
  file: string;
  text: string;
}

const ID_LINE = /^(\s*(?:-\s+)?id:\s*)(\S+)\s*$/;
/** A date in a field the schema checks as a calendar date (notes may mention dates too, as free text). */
export const DATE_FIELD_LINE = /^(\s*(?:-\s+)?(?:from|to|date):\s*)(\d{4}-\d{2}-\d{2})\s*$/;

/**
 * Lines holding a checked date: era, body and event dates. A source's publication date is left out: the
 * schema takes it as YYYY, YYYY-MM or YYYY-MM-DD text ("as precise as known"), not as a calendar date.
 */
export function checkedDateLines(lines: readonly string[]): number[] {
  let section = '';
  return lines.flatMap((line, i) => {
    const top = /^([A-Za-z]\w*):/.exec(line);
    if (top) section = top[1] as string;
    return section !== 'sources' && DATE_FIELD_LINE.test(line) ? [i] : [];
  });
}
const KEY_LINE = /^(\s*)(?:-\s+)?[A-Za-z][\w-]*:\s*\S/;

/**
 * Lines (0-based) that hold a mapping key with a value on the same line, as the YAML parser sees them: a
 * line of a folded note that only looks like one ("Superseded: …", a URL) is text, and repeating it is
 * no mistake.
 */
function keyLines(text: string): Set<number> {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  const out = new Set<number>();
  visit(doc, {
    Pair(_, pair) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.range)
        out.add(counter.linePos(pair.key.range[0]).line - 1);
    },
  });
  return out;
}
const BROKEN_DATES = [
  '2015-02-30',
  '2015-13-01',
  '2015-4-1',
  '01/04/2015',
  'April 2015',
  '20150401',
  '2015-00-10',
  "''",
];
const STRAY = [
  ': ',
  '- ',
  '"',
  "'",
  '{',
  '[',
  '\t',
  '&a ',
  '*b',
  '!!int ',
  '# ',
  '%',
  '@',
  '`',
  '|',
  '>',
  '\u0000',
  '\ufeff',
];

const pick = <T>(list: readonly T[], n: number): T | undefined =>
  list.length ? list[n % list.length] : undefined;

/** Applies one mutation to a set of files; returns the line (1-based) it touched in the chosen file. */
export function mutate(files: MutatedFile[], m: Mutation): { file: string; line: number } | undefined {
  const target = pick(files, m.file);
  if (!target) return undefined;
  const lines = target.text.split('\n');
  const at = (predicate: (line: string) => boolean) =>
    pick(
      lines.flatMap((line, i) => (predicate(line) ? [i] : [])),
      m.a,
    );
  const done = (index: number, next: string[]) => {
    target.text = next.join('\n');
    return { file: target.file, line: index + 1 };
  };

  switch (m.kind) {
    case 'delete a line': {
      const i = m.a % lines.length;
      return done(
        i,
        lines.filter((_, j) => j !== i),
      );
    }
    case 'change an indent': {
      const i = at((l) => l.trim() !== '');
      if (i === undefined) return undefined;
      const line = lines[i] as string;
      const indent = line.length - line.trimStart().length;
      const options = [indent + 1, indent + 2, Math.max(0, indent - 1), Math.max(0, indent - 2), 0];
      const spaces = m.b % 6 === 5 ? '\t' : ' '.repeat(options[m.b % 5] as number);
      lines[i] = spaces + line.trimStart();
      return done(i, lines);
    }
    case 'swap two ids': {
      // Across all files: an id is often swapped for one defined elsewhere.
      const ids = files.flatMap((f, fi) =>
        f.text.split('\n').flatMap((l, li) => (ID_LINE.test(l) ? [{ fi, li }] : [])),
      );
      const x = pick(ids, m.a);
      const y = pick(ids, m.b);
      if (!x || !y) return undefined;
      const fx = files[x.fi] as MutatedFile;
      const fy = files[y.fi] as MutatedFile;
      const lx = fx.text.split('\n');
      const idX = (lx[x.li] as string).replace(ID_LINE, '$2');
      const ly = x.fi === y.fi ? lx : fy.text.split('\n');
      const idY = (ly[y.li] as string).replace(ID_LINE, '$2');
      lx[x.li] = (lx[x.li] as string).replace(ID_LINE, `$1${idY}`);
      ly[y.li] = (ly[y.li] as string).replace(ID_LINE, `$1${idX}`);
      fx.text = lx.join('\n');
      if (x.fi !== y.fi) fy.text = ly.join('\n');
      return { file: fx.file, line: x.li + 1 };
    }
    case 'break a date': {
      const i = pick(checkedDateLines(lines), m.a);
      if (i === undefined) return undefined;
      lines[i] = (lines[i] as string).replace(DATE_FIELD_LINE, `$1${pick(BROKEN_DATES, m.b)}`);
      return done(i, lines);
    }
    case 'duplicate a key': {
      const keys = keyLines(target.text);
      const i = pick(
        lines.flatMap((line, n) => (keys.has(n) && KEY_LINE.test(line) ? [n] : [])),
        m.a,
      );
      if (i === undefined) return undefined;
      const line = lines[i] as string;
      // "- id: x" starts a list item; its key repeated inside the same item is "  id: x".
      lines.splice(i + 1, 0, line.replace(/^(\s*)-(\s+)/, '$1 $2'));
      return done(i, lines);
    }
    case 'swap two lines': {
      const i = m.a % lines.length;
      const j = m.b % lines.length;
      [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
      return done(Math.min(i, j), lines);
    }
    case 'cut the file short': {
      const cut = m.a % (target.text.length + 1);
      target.text = target.text.slice(0, cut);
      return { file: target.file, line: target.text.split('\n').length };
    }
    case 'insert stray characters': {
      const pos = m.a % (target.text.length + 1);
      target.text = target.text.slice(0, pos) + pick(STRAY, m.b) + target.text.slice(pos);
      return { file: target.file, line: target.text.slice(0, pos).split('\n').length };
    }
  }
}
