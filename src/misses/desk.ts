import { createHash, randomInt } from 'node:crypto';
import type { Answer } from '../schemas/answer.js';
import type { Surface } from '../schemas/feedback.js';
import type { Miss } from '../schemas/miss.js';
import type { AskOptions } from '../service.js';
import type { MissStore } from './store.js';

/** Letters and digits that cannot be mistaken for each other when read out (no 0/O, 1/I). */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export function newMissId(): string {
  let id = 'M-';
  for (let i = 0; i < 8; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

/** The surface's ids for a press (message and person), kept only as a hash: enough to find a repeat. */
export const missKey = (surfaceKey: string) =>
  createHash('sha256').update(surfaceKey).digest('hex').slice(0, 40);

/** A press of "Not what I asked", as a surface knows it: the answer's question, date and topic. */
export interface MissPress {
  /** The surface's own ids for this press (the message and the person), so a repeat records one miss. */
  key: string;
  surface: Surface;
  question: string;
  asOf: string;
  /** The topic the answer gave: a follow-up, read again on its own, is still said as it was read. */
  topicId?: string | undefined;
}

/** What a press gets back: the miss (with the readings to offer), whether it was stored, and the answer read again. */
export interface Readings {
  miss: Miss;
  /** False when the store could not be written: the readings are still offered. */
  recorded: boolean;
  /** False when the same press was recorded before. */
  created: boolean;
  /** The answer the press was about, read again, for "Ask an expert". */
  answer: Answer;
}

/**
 * "Not what I asked" on any surface: a press records the miss for maintainers and returns the
 * next-best readings to offer; choosing one records which. The answer is read again from the
 * question, date and topic the button carried, as "Ask an expert" does, so no state is kept per answer.
 */
export interface MissDesk {
  press(press: MissPress): Promise<Readings>;
  /** Records that an offered reading was chosen; undefined when the miss or the reading is unknown. */
  choose(id: string, topicId: string): Promise<Miss | undefined>;
  list(limit?: number): Promise<Miss[]>;
}

export interface MissDeskOptions {
  now?: () => Date;
  /** A store write failed; the person still gets the readings. */
  onError?: (error: unknown, what: string) => void;
}

type Ask = (question: string, options: AskOptions) => Answer;

const topicsOf = (answer: Answer) =>
  answer.status === 'answered'
    ? (answer.parts ?? [answer]).flatMap((p) => (p.topic ? [p.topic.id] : []))
    : [];

/** The answer as it was read, and the readings to offer instead of it. */
export function readingsOf(
  ask: Ask,
  press: MissPress,
): { answer: Answer; alternatives: Answer['alternatives'] } {
  const fresh = ask(press.question, { asOf: press.asOf });
  const { topicId } = press;
  // A follow-up ("and dental?") read on its own may find another topic: say what was answered then.
  const answer =
    !topicId || topicsOf(fresh).includes(topicId) || fresh.topic?.id === topicId
      ? fresh
      : ask(press.question, { asOf: press.asOf, topicId });
  const given = new Set(topicsOf(answer));
  const alternatives = (fresh.alternatives ?? []).filter((a) => !given.has(a.topicId));
  return { answer, alternatives };
}

export function createMissDesk(store: MissStore, ask: Ask, options: MissDeskOptions = {}): MissDesk {
  const now = options.now ?? (() => new Date());
  const failed = (what: string) => (error: unknown) => {
    options.onError?.(error, what);
    return undefined;
  };
  return {
    async press(press) {
      const { answer, alternatives } = readingsOf(ask, press);
      const miss: Miss = {
        id: newMissId(),
        key: missKey(press.key),
        at: now().toISOString(),
        surface: press.surface,
        question: press.question.slice(0, 2000),
        asOf: press.asOf,
        status: answer.status,
        read: (answer.readAs ?? '').slice(0, 1000),
        topicIds: topicsOf(answer),
        alternatives: alternatives ?? [],
      };
      const stored = await store.record(miss).catch(failed('a miss could not be recorded'));
      return stored
        ? { miss: stored.miss, recorded: true, created: stored.created, answer }
        : { miss, recorded: false, created: true, answer };
    },
    async choose(id, topicId) {
      const at = now().toISOString();
      return store
        .update(id, (miss) =>
          miss.alternatives.some((a) => a.topicId === topicId)
            ? { ...miss, chosen: topicId, chosenAt: at }
            : undefined,
        )
        .catch(failed('a chosen reading could not be recorded'));
    },
    list: (limit) => store.list(limit),
  };
}
