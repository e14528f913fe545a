import { z } from 'zod';
import type { Answer } from '../src/schemas/answer.js';

/**
 * How a place question is scored (npm run eval:places): one JSON line with the question, an optional
 * date, what the answer must and must not hold, and labels for reading the results.
 */
export const PlaceLine = z.object({
  id: z.string(),
  question: z.string(),
  asOf: z.string().optional(),
  expect: z.object({
    status: z.enum(['answered', 'unknown']),
    must: z.array(z.string()).default([]),
    mustNot: z.array(z.string()).default([]),
    names: z.array(z.string()).default([]),
    namesNot: z.array(z.string()).default([]),
  }),
  labels: z.record(z.string(), z.unknown()).optional(),
});
export type PlaceLine = z.infer<typeof PlaceLine>;

export type PlaceVerdict = { kind: 'right' } | { kind: 'abstained' } | { kind: 'wrong'; why: string };

/** Names compared as people mean them: case, punctuation, "Integrated Care Board" = "ICB", a leading "NHS". */
export function sameName(text: string, keepNhs = false): string {
  const plain = ` ${text
    .toLowerCase()
    .replaceAll('&', ' and ')
    .replace(/integrated care boards?/g, 'icb')
    .replace(/clinical commissioning groups?/g, 'ccg')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
  return keepNhs ? plain : ` ${plain.trim().replace(/^nhs\s+/, '')} `;
}

/** A commissioner's name may list a split area's bodies with shares: "A (60%), B (40%)". */
const namesIn = (name: string) => name.split(/\s*\(\d+%\),?\s*/).filter((n) => n.trim());

/** One of the answer's bodies is this one: the whole name, so "North Manchester CCG" is not "Manchester CCG". */
const namesOne = (listed: string[], wanted: string) =>
  listed.flatMap(namesIn).some((x) => sameName(x) === sameName(wanted));

/** The text names it whole: with its "NHS", so "NHS North Manchester CCG" does not hold "NHS Manchester CCG". */
const inText = (text: string, wanted: string) => sameName(text, true).includes(sameName(wanted, true));

/** Right, abstained (asked back or declined a line it should answer) or wrong, with why. */
export function scorePlace(line: PlaceLine, answer: Answer): PlaceVerdict {
  const e = line.expect;
  const commissioners = [answer, ...(answer.parts ?? [])].flatMap((p) => p.commissioners);
  if (answer.status !== 'answered')
    return e.status === 'answered' ? { kind: 'abstained' } : { kind: 'right' };
  if (e.status !== 'answered') return { kind: 'wrong', why: 'answered a line expected unknown' };
  const bodies = new Set(commissioners.map((c) => c.body));
  const names = commissioners.map((c) => c.name);
  const text = [answer.text, ...(answer.parts ?? []).map((p) => p.text)].join(' ');
  const missing = e.must.filter((k) => !bodies.has(k));
  if (missing.length) return { kind: 'wrong', why: `no body of kind ${missing.join(', ')}` };
  const barred = e.mustNot.filter((k) => bodies.has(k));
  if (barred.length) return { kind: 'wrong', why: `names a body of kind ${barred.join(', ')}` };
  const unnamed = e.names.filter((n) => !namesOne(names, n) && !inText(text, n));
  if (unnamed.length) return { kind: 'wrong', why: `does not name ${unnamed.join('; ')}` };
  const wrongNames = e.namesNot.filter((n) => namesOne(names, n));
  if (wrongNames.length) return { kind: 'wrong', why: `names ${wrongNames.join('; ')}` };
  return { kind: 'right' };
}

export interface PlaceScore {
  total: number;
  right: number;
  wrong: { line: PlaceLine; why: string; got: string }[];
  abstained: PlaceLine[];
}

/** The lines scored together: accuracy is right over all lines. */
export function scoreAll(results: { line: PlaceLine; answer: Answer }[]): PlaceScore {
  const score: PlaceScore = { total: results.length, right: 0, wrong: [], abstained: [] };
  for (const { line, answer } of results) {
    const v = scorePlace(line, answer);
    if (v.kind === 'right') score.right++;
    else if (v.kind === 'abstained') score.abstained.push(line);
    else {
      const got = `${answer.status}: ${answer.commissioners.map((c) => `${c.body} ${c.name}`).join('; ')}`;
      score.wrong.push({ line, why: v.why, got });
    }
  }
  return score;
}
