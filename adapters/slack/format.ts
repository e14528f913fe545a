import type { Answer } from '../../src/schemas/answer.js';

/** Why the answer is for that date, after "Answer as of <date>". Dates and role wording come with the Answer. */
export const AS_OF_REASONS: Record<Answer['asOfSource'], string> = {
  given: 'the date you chose',
  text: 'the date in your question',
  today: 'today',
};
