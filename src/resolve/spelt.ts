import type { KnowledgeBase } from '../knowledge/model.js';
import { perKnowledge } from './memo.js';

/**
 * Dictated messages spell abbreviations out: "was it the sea sea gee or the I see bee", "n h s e". A run
 * of single letters or letter names (knowledge/reading.yaml, `letterNames`) is read as the abbreviation
 * it spells, and only when the knowledge itself writes that abbreviation in capitals, so ordinary words
 * that are also letter names ("I see", "be a") stay as they are.
 */
const spelling = perKnowledge((kb) => {
  const letterOf = new Map<string, string>();
  for (const [letter, names] of Object.entries(kb.reading.letterNames)) {
    letterOf.set(letter, letter);
    for (const name of names) letterOf.set(name.toLowerCase(), letter);
  }
  return { letterOf, abbreviations: capitalised(kb) };
});

/** Every word of two to six capitals the knowledge writes (body names, synonyms, keywords, phrasings). */
function capitalised(kb: KnowledgeBase): Set<string> {
  const texts = [
    ...[...kb.bodies.values()].flatMap((b) => [b.name, b.short ?? '', ...b.aliases]),
    ...kb.synonyms.flatMap((s) => [s.canonical, ...s.variants]),
    ...[...kb.topicById.values()].flatMap((t) => [t.title, ...t.keywords, ...t.phrasings]),
  ];
  const found = texts.flatMap((t) => t.match(/\b[A-Z]{2,6}\b/g) ?? []);
  return new Set(found.map((w) => w.toLowerCase()));
}

const MAX_RUN = 6;

/** The normalised text with each spelt-out abbreviation joined ("the sea sea gee?" → "the ccg?"). */
export function joinSpelt(text: string, kb: KnowledgeBase): string {
  const { letterOf, abbreviations } = spelling(kb);
  const tokens = text.split(' ');
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const run = longestRun(tokens, i, letterOf, abbreviations);
    if (run) {
      out.push(run.word);
      i += run.length;
    } else out.push(tokens[i++] as string);
  }
  return out.join(' ');
}

/** The longest run of letters from token i that spells a known abbreviation, with its last punctuation. */
function longestRun(
  tokens: readonly string[],
  i: number,
  letterOf: ReadonlyMap<string, string>,
  abbreviations: ReadonlySet<string>,
): { word: string; length: number } | undefined {
  const letters: string[] = [];
  for (let j = i; j < Math.min(tokens.length, i + MAX_RUN); j++) {
    const token = tokens[j] as string;
    const bare = token.replace(/[^\p{L}]+$/u, '');
    // The last letter may be plural: "how many sea sea gees" asks about CCGs.
    const plural =
      letters.length > 0 && !letterOf.has(bare) ? letterOf.get(bare.replace(/s$/, '')) : undefined;
    const letter = letterOf.get(bare) ?? plural;
    if (!letter) break;
    letters.push(plural ? `${letter}s` : letter);
    if (plural) break;
    // Punctuation inside a run ends it: "see. bee" is two sentences.
    if (bare !== token) break;
  }
  for (let n = letters.length; n >= 2; n--) {
    const word = letters.slice(0, n).join('');
    if (!abbreviations.has(word.replace(/(?<=.)s$/, '')) && !abbreviations.has(word)) continue;
    const last = tokens[i + n - 1] as string;
    return { word: word + last.replace(/^\p{L}+/u, ''), length: n };
  }
  return undefined;
}
