import { z } from 'zod';
import { type Answer, AnswerStatus } from '../../src/schemas/answer.js';
import { Id, IsoDate } from '../../src/schemas/common.js';

/** Action ids of the buttons the adapter renders; listeners in listeners.ts match on these. */
export const ACTION = {
  clarify: 'wc_clarify',
  share: 'wc_share',
  helpful: 'wc_helpful',
  notHelpful: 'wc_not_helpful',
} as const;

/**
 * The "Ask an expert" button on answers, the Close button on a ticket in the experts' channel, and
 * "Add a note" for the asker (with the modal it opens).
 */
export const EXPERT_ACTION = {
  ask: 'wc_ask_expert',
  close: 'wc_ticket_close',
  note: 'wc_ticket_note',
  noteModal: 'wc_ticket_note_modal',
} as const;

/** "Not what I asked" on answers, and the readings it offers (misread.ts). */
export const MISREAD_ACTION = { press: 'wc_not_what_i_asked', choose: 'wc_reading' } as const;
export const readingActionId = (index: number) => `${MISREAD_ACTION.choose}_${index}`;
export const READING_ACTION_PATTERN = new RegExp(`^${MISREAD_ACTION.choose}_\\d+$`);

/** A clarify option's action id; Slack wants the ids in one actions block to differ. */
export const clarifyActionId = (index: number) => `${ACTION.clarify}_${index}`;
export const CLARIFY_ACTION_PATTERN = new RegExp(`^${ACTION.clarify}_\\d+$`);
/** Any action id the adapter does not make now (a button on a message from an earlier version). */
export const STALE_ACTION_PATTERN = new RegExp(
  `^(?!(?:${CLARIFY_ACTION_PATTERN.source.slice(1, -1)}|${READING_ACTION_PATTERN.source.slice(1, -1)}|${[ACTION.share, ACTION.helpful, ACTION.notHelpful, EXPERT_ACTION.ask, EXPERT_ACTION.close, MISREAD_ACTION.press, EXPERT_ACTION.note].join('|')})$)`,
);

/**
 * What a button carries so a click can be answered without any server-side state: the question,
 * the date the answer was for, the topic, and (for feedback) the answer's status.
 */
export const ButtonValue = z.object({
  q: z.string(),
  a: IsoDate,
  t: Id.optional(),
  s: AnswerStatus.optional(),
});
export type ButtonValue = z.infer<typeof ButtonValue>;

/** Slack rejects a button value over 2,000 characters. */
const MAX_VALUE = 2000;

export function encodeValue(value: ButtonValue): string {
  let encoded = JSON.stringify(value);
  let question = value.q;
  // A very long question is shortened (JSON escaping can make it grow) until the value fits.
  while (encoded.length > MAX_VALUE && question.length > 0) {
    question = question.slice(0, Math.max(0, question.length - (encoded.length - MAX_VALUE) - 16));
    encoded = JSON.stringify({ ...value, q: question });
  }
  return encoded;
}

/** The value of a clicked button, or undefined if it is not one the adapter made. */
export function decodeValue(raw: string | undefined): ButtonValue | undefined {
  if (!raw) return undefined;
  try {
    const parsed = ButtonValue.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The value that lets a click re-ask the same question, on the same date, about the same topic. */
export function valueFor(answer: Answer, topicId = answer.topic?.id): ButtonValue {
  return { q: answer.question, a: answer.asOf, ...(topicId ? { t: topicId } : {}), s: answer.status };
}
