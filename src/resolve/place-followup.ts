import type { KnowledgeBase } from '../knowledge/model.js';
import type { Answer } from '../schemas/answer.js';
import type { Recall } from '../schemas/recall.js';
import type { Turn } from './followup.js';
import { longDate } from './format.js';
import { opensAsFollowUp } from './message.js';
import { readPlaceAsk } from './place-asks.js';
import { KIND_WORD } from './place-bodies.js';
import { isLocalBodies, placeQuestion } from './place-questions.js';
import type { Read } from './resolve.js';
import { outOfScope } from './scope.js';

/**
 * Places in follow-ups: "and in 2019?" after "which ICB covers Leeds?" asks the same of Leeds in 2019;
 * after "who commissions health visiting in Leeds?" it keeps Leeds for the service answer too.
 */
const FROM_BEFORE = '(from your last question)';

/** A follow-up that names no place keeps the last question's. */
export function carryPlace(kb: KnowledgeBase, r: Read, previous: Recall | undefined): Read {
  if (r.place || !previous?.place || !opensAsFollowUp(r.text, kb)) return r;
  return { ...r, place: previous.place, placeCarried: true };
}

/** A follow-up to a question about a local body: its own date, place or kind, the rest from before. */
export function placeTurn(kb: KnowledgeBase, r: Read, previous: Recall | undefined): Turn | undefined {
  const carried = previous?.bodyAsk;
  if (!carried || !opensAsFollowUp(r.text, kb) || outOfScope(r.message, kb)) return undefined;
  const carryDate = r.asOfSource === 'today' && previous.asOf !== undefined;
  const read: Read = carryDate
    ? {
        ...r,
        asOf: previous.asOf as string,
        asOfSource: previous.asOfSource ?? 'text',
        datePhrase: previous.datePhrase,
        dateRead: undefined,
      }
    : r;
  const answer = placeQuestion(kb, read, carried);
  if (!answer) return undefined;
  const pieces = [
    // A kind of its own ("and which region?") is this message's; only the ask came from before.
    {
      text: askText(carried, answer.conditionsAsked[1]),
      carried: answer.conditionsAsked[1] === kindWord(carried),
    },
    { text: read.place?.name ?? '', carried: !!read.placeCarried },
    { text: read.asOfSource === 'today' ? '' : `as of ${longDate(read.asOf)}`, carried: carryDate },
  ].filter((p) => p.text);
  const followUp = pieces.map((p) => (p.carried ? `${p.text} ${FROM_BEFORE}` : p.text)).join(', ');
  return withPlace(kb, read, { answer: { ...answer, followUp }, ...recalled(read, answer) }, carried);
}

/** What was asked, as the follow-up line says it: "Which ICB", "Whether it still exists". */
function askText(carried: NonNullable<Recall['bodyAsk']>, kind: string | undefined): string {
  const said: Record<NonNullable<Recall['bodyAsk']>['ask'], string> = {
    which: `Which ${kind ?? 'body'}`,
    became: 'What it became',
    formedFrom: 'What it was formed from',
    merged: 'When they merged',
    started: 'When it was set up',
    ended: 'When it ended',
    still: 'Whether it still exists',
  };
  return said[carried.ask];
}

const kindWord = (carried: NonNullable<Recall['bodyAsk']>) =>
  carried.kind ? KIND_WORD[carried.kind] : undefined;

function recalled(r: Read, answer: Answer): { recall?: Recall } {
  if (answer.status !== 'answered') return {};
  const dated = r.asOfSource !== 'today' && r.asOf !== r.today;
  return {
    recall: {
      topicIds: [answer.topic?.id ?? 'local-bodies'],
      ...(dated ? { asOf: r.asOf, asOfSource: r.asOfSource === 'given' ? 'given' : 'text' } : {}),
      ...(dated && r.datePhrase ? { datePhrase: r.datePhrase } : {}),
      conditions: {},
      confidence: answer.confidence,
    },
  };
}

/**
 * What a turn remembers of its place: the place named (or carried), and for a question about a local body
 * what it asked. A service answer with a carried place says so ("Leeds (from your last question)").
 */
export function withPlace(
  kb: KnowledgeBase,
  r: Read,
  turn: Turn,
  carried?: NonNullable<Recall['bodyAsk']>,
): Turn {
  const local = isLocalBodies(turn.answer);
  const ask = local ? readPlaceAsk(kb, r, carried) : undefined;
  const bodyAsk = ask ? { ask: ask.ask, ...(ask.kind ? { kind: ask.kind } : {}) } : undefined;
  const recall = turn.recall && {
    ...turn.recall,
    ...(r.place ? { place: r.place } : {}),
    ...(bodyAsk ? { bodyAsk } : {}),
  };
  const noted =
    r.placeCarried && !local && turn.answer.status === 'answered'
      ? `${turn.answer.followUp ? `${turn.answer.followUp}, ` : ''}${r.place?.name} ${FROM_BEFORE}`
      : turn.answer.followUp;
  const answer = noted ? { ...turn.answer, followUp: noted } : turn.answer;
  return { answer, ...(recall ? { recall } : {}) };
}
