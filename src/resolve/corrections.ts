import type { KnowledgeBase } from '../knowledge/model.js';
import { readDate } from './dates.js';
import { perKnowledge, phraseAlternation } from './memo.js';

const cues = (kb: KnowledgeBase) => phraseAlternation(kb.reading.corrections);

/** Correction words ("no wait, I mean") with the punctuation around them: "— sorry, ", ", I mean ", " no wait ". */
const correctionCue = perKnowledge(
  (kb) =>
    new RegExp(
      `[\\s,;:-]*(?<![\\p{L}\\p{N}])(?:${cues(kb)})(?:[\\s,;:-]+(?:${cues(kb)}))*(?![\\p{L}\\p{N}])[\\s,;:-]*`,
      'gu',
    ),
);

/**
 * "In 2012 - sorry, 2019 - who was commissioning health visitors?": a date the writer takes back is not a
 * date asked. Where a correction word stands between two dates, the first date and the correction word
 * go, and the second date stays. A correction word between anything else ("sorry, who commissions …")
 * is left to the rest of the reading.
 */
export function withoutCorrectedDates(text: string, today: string, kb: KnowledgeBase): string {
  for (const cue of text.matchAll(correctionCue(kb))) {
    const before = text.slice(0, cue.index);
    const after = text.slice(cue.index + cue[0].length);
    const taken = readDate(before.slice(-30), today, kb);
    const given = readDate(after.slice(0, 30), today, kb);
    if (!taken || taken.now || !given || given.now) continue;
    // Only a date that ends where the correction starts is taken back, and only one the correction follows at once.
    if (!before.trimEnd().endsWith(taken.phrase.trim()) || !after.startsWith(given.phrase.trimStart()))
      continue;
    const start = before.lastIndexOf(taken.phrase.trim());
    return `${text.slice(0, start)}${after}`;
  }
  return text;
}
