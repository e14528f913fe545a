/**
 * Which named moments a text names, found in one pass over the text instead of one pattern per moment.
 *
 * A moment is named when one of its names (two characters or more, lower case, as `phraseAlternation`
 * lists them) stands in the text as a whole: no letter or number just before it or just after it. That
 * is what `(?<![\p{L}\p{N}])(?:a|b|…)(?![\p{L}\p{N}])` with the `u` flag tests, alternative by
 * alternative, so the two agree exactly (test/engine/moment-names.test.ts holds them to it).
 */

const WORD = /[\p{L}\p{N}]/u;

/** Whether the code point starting at `at` is a letter or a number. */
function wordAt(text: string, at: number): boolean {
  if (at >= text.length) return false;
  const c = text.charCodeAt(at);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return WORD.test(String.fromCodePoint(text.codePointAt(at) as number));
}

/** Whether the code point ending just before `at` is a letter or a number. */
function wordBefore(text: string, at: number): boolean {
  if (at <= 0) return false;
  const c = text.charCodeAt(at - 1);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  const low = c >= 0xdc00 && c <= 0xdfff;
  const high = at >= 2 ? text.charCodeAt(at - 2) : 0;
  const start = low && high >= 0xd800 && high <= 0xdbff ? at - 2 : at - 1;
  return WORD.test(String.fromCodePoint(text.codePointAt(start) as number));
}

export interface NameIndex {
  /** Names by their first two characters (as one number): each with the moments it names. */
  byStart: Map<number, { name: string; moments: number[] }[]>;
  /** A quick filter before the map: set for the low bytes of each name's first two characters. */
  pairs: Uint8Array;
}

const pairOf = (text: string, at: number) =>
  ((text.charCodeAt(at) & 0xff) << 8) | (text.charCodeAt(at + 1) & 0xff);

const startKey = (text: string, at: number) => text.charCodeAt(at) * 65536 + text.charCodeAt(at + 1);

/** The index of every moment's names, in the moments' order. */
export function nameIndex(moments: readonly { names: readonly string[] }[]): NameIndex {
  const byName = new Map<string, number[]>();
  moments.forEach((m, i) => {
    // As phraseAlternation: names of two characters or more, then lower-cased, empty ones dropped.
    for (const name of new Set(m.names.filter((n) => n.length >= 2).map((n) => n.toLowerCase()))) {
      if (name.length < 2) continue;
      const list = byName.get(name) ?? [];
      if (list.at(-1) !== i) list.push(i);
      byName.set(name, list);
    }
  });
  const byStart = new Map<number, { name: string; moments: number[] }[]>();
  const pairs = new Uint8Array(65536);
  for (const [name, list] of byName) {
    const key = startKey(name, 0);
    byStart.set(key, [...(byStart.get(key) ?? []), { name, moments: list }]);
    pairs[pairOf(name, 0)] = 1;
  }
  return { byStart, pairs };
}

/**
 * The moments the text names, in the moments' order (indexes into the list the index was built from).
 * Empty when it names none.
 */
export function momentsNamed(text: string, index: NameIndex): number[] {
  let found: Set<number> | undefined;
  for (let at = 0; at + 1 < text.length; at++) {
    if (index.pairs[pairOf(text, at)] === 0 || wordBefore(text, at)) continue;
    const names = index.byStart.get(startKey(text, at));
    if (!names) continue;
    for (const { name, moments } of names) {
      if (!text.startsWith(name, at) || wordAt(text, at + name.length)) continue;
      found ??= new Set();
      for (const m of moments) found.add(m);
    }
  }
  return found ? [...found].sort((a, b) => a - b) : [];
}
