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
  labels: z.record(z.string(), z.string()).optional(),
});
export type PlaceLine = z.infer<typeof PlaceLine>;

export type PlaceVerdict = { kind: 'right' } | { kind: 'abstained' } | { kind: 'wrong'; why: string };

/** Names compared as people mean them: case, punctuation, "Integrated Care Board" = "ICB", a leading "NHS". */
export function sameName(text: string): string {
  return ` ${text
    .toLowerCase()
    .replaceAll('&', ' and ')
    .replace(/integrated care boards?/g, 'icb')
    .replace(/clinical commissioning groups?/g, 'ccg')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/^\s*nhs\s+/, '')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

const contains = (haystack: string, needle: string) => sameName(haystack).includes(sameName(needle));

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
  const unnamed = e.names.filter((n) => !names.some((x) => contains(x, n)) && !contains(text, n));
  if (unnamed.length) return { kind: 'wrong', why: `does not name ${unnamed.join('; ')}` };
  const wrongNames = e.namesNot.filter((n) => names.some((x) => contains(x, n)));
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
