import type { KnowledgeBase } from '../src/knowledge/model.js';
import { prepare } from '../src/resolve/index.js';
import { resolve } from '../src/resolve/resolve.js';
import { naiveBaseline } from './baseline.js';
import { type Scored, type Tally, tally } from './dev-set.js';
import type { QuestionSet } from './questions.js';
import { round, summarise, timeEach } from './stats.js';
import { TODAY } from './today.js';

export interface MatcherFigures {
  name: string;
  accuracy?: Tally;
  p50Ms: number;
  p99Ms: number;
  perSecond: number;
  samples: number;
}

const TIMING = { warmup: 3, passes: 40 };

/** Our resolver and the naive fuse.js baseline on the same knowledge and the same questions. */
export function compareWithBaseline(kb: KnowledgeBase, questions: QuestionSet): MatcherFigures[] {
  const prepared = prepare(kb);
  const baseline = naiveBaseline(kb, TODAY);
  const ours = (question: string, asOf?: string) => resolve(kb, question, { asOf, today: TODAY });

  const run = (name: string, ask: (question: string, asOf?: string) => Scored, beforePass?: () => void) => {
    const accuracy = questions.dev ? tally(questions.dev, (q) => ask(q.question, q.asOf)) : undefined;
    const s = summarise(
      timeEach(questions.items, (q) => ask(q.question, q.asOf), {
        ...TIMING,
        ...(beforePass ? { beforePass } : {}),
      }),
    );
    const figures: MatcherFigures = {
      name,
      ...(accuracy ? { accuracy } : {}),
      p50Ms: round(s.p50),
      p99Ms: round(s.p99),
      perSecond: round(s.perSecond),
      samples: s.samples,
    };
    return figures;
  };

  return [
    // The typo cache is emptied before every pass, so each pass pays for its typos as new questions would.
    run('whocommissions resolver', ours, () => prepared.typoCache.clear()),
    run(`naive fuse.js baseline (defaults, ${baseline.lines} titles and phrasings)`, baseline.ask),
    // The same questions again with the typo cache kept: what repeated questions cost.
    run('whocommissions resolver, typo cache kept warm', ours),
  ];
}
