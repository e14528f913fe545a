import { parseArgs } from 'node:util';
import { createEngine } from '../engine.js';
import { KnowledgeLoadError } from '../knowledge/problems.js';
import { explain } from '../resolve/resolve.js';
import { IsoDate } from '../schemas/common.js';
import { renderText } from './render-text.js';

const USAGE =
  'Usage: npm run ask -- [--json] [--explain] [--as-of YYYY-MM-DD] "who commissions health visiting in 2014?"';

const OPTIONS = {
  json: { type: 'boolean' },
  explain: { type: 'boolean' },
  'as-of': { type: 'string' },
} as const;

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ options: OPTIONS, allowPositionals: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const question = parsed.positionals.join(' ').trim();
  const asOf = parsed.values['as-of'];
  if (!question) {
    console.error(`No question given.\n${USAGE}`);
    return 2;
  }
  if (asOf !== undefined && !IsoDate.safeParse(asOf).success) {
    console.error(`--as-of must be a real date written YYYY-MM-DD, e.g. 2016-05-01 (got "${asOf}").`);
    return 2;
  }
  const engine = await createEngine(
    process.env.KNOWLEDGE_DIR ? { knowledgeDir: process.env.KNOWLEDGE_DIR } : {},
  );
  if (parsed.values.explain) {
    // For maintainers: how the question was read and which topics came closest.
    console.log(JSON.stringify(explain(engine.knowledge(), question, { asOf, today: new Date() }), null, 2));
  }
  const answer = engine.ask(question, asOf ? { asOf } : {});
  console.log(parsed.values.json ? JSON.stringify(answer, null, 2) : renderText(answer));
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof KnowledgeLoadError ? error.message : error);
    process.exitCode = 1;
  },
);
