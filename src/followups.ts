import type { Turn } from './resolve/followup.js';
import type { Recall } from './schemas/recall.js';
import type { AnswerService, AskOptions } from './service.js';
import type { RecallStore } from './stores/recall.js';

/** An answer service that can read a question against the one before it (the engine). */
export interface TurnService extends AnswerService {
  turn(question: string, options: AskOptions & { previous?: Recall | undefined }): Promise<Turn>;
}

/**
 * The answer service every chat surface is given: a question asked with a `conversation` is read
 * against the last question answered in that conversation (kept in `store`), and becomes the last
 * question itself when it was answered. A store that cannot be read only loses the follow-up.
 */
export function withFollowUps(service: TurnService, store: RecallStore): AnswerService {
  return {
    ask: (question, options) => service.ask(question, options),
    summary: () => service.summary(),
    feedback: (entry) => service.feedback(entry),
    async answer(question, options = {}) {
      const { conversation } = options;
      if (!conversation) return service.answer(question, options);
      // A clarify option chosen (topicId) is read against the same last question as the message it
      // clarified: a clarify is not remembered, so that question is still the one in the store.
      const previous = await store.get(conversation).catch(() => undefined);
      const turn = await service.turn(question, { ...options, previous });
      if (turn.recall) await store.set(conversation, turn.recall).catch(() => {});
      return turn.answer;
    },
  };
}
