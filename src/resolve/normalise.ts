import { MATCHER } from './config.js';
import { lastFew } from './memo.js';

/** Case, unicode, apostrophes and dashes made uniform; whitespace collapsed. Keeps digits and "/" for dates. */
export function normalise(input: string): string {
  return normaliseText(input);
}

// Printable ASCII: no compatibility forms, curly quotes, dashes or control characters to make uniform.
const PLAIN = /^[\x20-\x7e]*$/;

const normaliseText = lastFew(16, (input: string) => {
  const text = input.slice(0, MATCHER.maxQuestionChars);
  if (PLAIN.test(text))
    return text.toLowerCase().replace(/`/g, "'").replace(/&/g, ' and ').replace(/\s+/g, ' ').trim();
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/&/g, ' and ')
    .replace(/\p{Cc}|\p{Cf}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
});

/** Words only: punctuation becomes space, possessive "'s" dropped. */
export function words(text: string): string[] {
  // A copy: callers may change their list.
  return [...wordsOf(text)];
}

// Lower-case letters, digits and spaces: already words, split at the spaces.
const SPACED_WORDS = /^[a-z0-9 ]*$/;

const wordsOf = lastFew(32, (text: string): readonly string[] =>
  SPACED_WORDS.test(text)
    ? text.split(' ').filter(Boolean)
    : text
        .replace(/'s\b/g, '')
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .trim()
        .split(' ')
        .filter(Boolean),
);

// Stems remembered: the same few thousand words recur in every topic and message, and each stem made
// anew is a string or two for the young generation to collect. Bounded: emptied when full.
const stems = new Map<string, string>();
const STEMS_KEPT = 50_000;

/** A light suffix stripper: enough to join "commissioned"/"commissions", "nurses"/"nursing". */
export function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = stemWord(word);
    if (stems.size >= STEMS_KEPT) stems.clear();
    stems.set(word, s);
  }
  return s;
}

function stemWord(word: string): string {
  let w = word;
  if (/\d/.test(w)) return w;
  // Plural abbreviations: "GPs", "CCGs", "ICBs".
  if (
    w.length <= 5 &&
    /^[a-z]{2,4}s$/.test(w) &&
    /^(gp|ccg|icb|pct|sha|la|hwb|lmc|des|les|lis|sti|ics|irc|yoi)s$/.test(w)
  )
    return w.slice(0, -1);
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(ch|sh|x)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 6 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 5 && w.endsWith('ed')) w = w.slice(0, -2);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}
