import type { AnswerPart } from './schemas/answer.js';

/**
 * A part's timeline in words, one plain-text line per era, for the surfaces that show no picture (the
 * terminal, Slack, Teams): "NHS England: from 1 April 2013 ◀ today, 5 December 2026" and "ICB: from
 * 1 April 2027 (planned, not yet in effect; needs Parliament)". The era held on the as-of date
 * and the one held today are marked; every surface escapes the lines its own way.
 */
export function timelineWords(part: AnswerPart): string[] {
  return part.timeline.map((era) => {
    const marks = [
      era.asOf && part.asOf !== part.today ? part.asOfText : '',
      era.today ? `today${part.todayText ? `, ${part.todayText}` : ''}` : '',
    ].filter(Boolean);
    const label = era.statusText ? ` (${era.statusText})` : '';
    const mark = marks.length ? ` ◀ ${marks.join('; ')}` : '';
    return `${era.bodies.join(' + ') || 'nobody'}: ${era.range ?? ''}${label}${mark}`;
  });
}
