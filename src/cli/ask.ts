import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createEngine, type Engine } from '../engine.js';
import { withFollowUps } from '../followups.js';
import { examplesToShow, FOLLOW_UP_TIP } from '../help.js';
import { KnowledgeLoadError } from '../knowledge/problems.js';
import { explain } from '../resolve/resolve.js';
import { IsoDate } from '../schemas/common.js';
import { memoryRecall } from '../stores/recall.js';
import { renderText } from './render-text.js';

const USAGE = `Usage: npm run ask -- [options] "your question"
       npm run ask -- --session        (or npm run ask with no question, at a terminal)

Answers who commissions a service in the English NHS, on any date.

Options:
  --as-of YYYY-MM-DD   answer as of this date, whatever the question says
  --json               print the whole answer as JSON
  --explain            first print how the question was read and which topics came closest
  --session            ask one question after another; ${FOLLOW_UP_TIP}
  -h, --help           print this and exit

Examples:`;

const OPTIONS = {
  json: { type: 'boolean' },
  explain: { type: 'boolean' },
  session: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  'as-of': { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

async function loadEngine(): Promise<Engine> {
  return createEngine(process.env.KNOWLEDGE_DIR ? { knowledgeDir: process.env.KNOWLEDGE_DIR } : {});
}

const usage = async (): Promise<string> =>
  `${USAGE}\n${examplesToShow((await loadEngine()).summary().examples)
    .map((e) => `  npm run ask -- "${e}"`)
    .join('\n')}`;

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ options: OPTIONS, allowPositionals: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${await usage()}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(await usage());
    return 0;
  }
  const question = parsed.positionals.join(' ').trim();
  const asOf = parsed.values['as-of'];
  if (asOf !== undefined && !IsoDate.safeParse(asOf).success) {
    console.error(`--as-of must be a real date written YYYY-MM-DD, e.g. 2016-05-01 (got "${asOf}").`);
    return 2;
  }
  if (!question && (parsed.values.session || process.stdin.isTTY)) return session(parsed.values);
  if (!question) {
    console.error(`No question given.\n\n${await usage()}`);
    return 2;
  }
  const engine = await loadEngine();
  if (parsed.values.explain) {
    // For maintainers: how the question was read and which topics came closest.
    console.log(JSON.stringify(explain(engine.knowledge(), question, { asOf, today: new Date() }), null, 2));
  }
  const answer = engine.ask(question, asOf ? { asOf } : {});
  console.log(parsed.values.json ? JSON.stringify(answer, null, 2) : renderText(answer));
  return 0;
}

/**
 * One question per line until an empty line or end of input; each may follow up the one before
 * ("and in 2016?"), as in a chat. `npm run batch` stays one stand-alone question per line.
 */
async function session(values: Values): Promise<number> {
  const engine = await loadEngine();
  const service = withFollowUps(engine, memoryRecall());
  const asOf = values['as-of'];
  const lines = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: process.stdin.isTTY,
  });
  const prompt = () => {
    if (process.stdin.isTTY) lines.prompt();
  };
  if (process.stdin.isTTY) {
    console.log(
      `Ask a question (an empty line ends). ${FOLLOW_UP_TIP[0]?.toUpperCase()}${FOLLOW_UP_TIP.slice(1)}.`,
    );
    lines.setPrompt('> ');
  }
  prompt();
  for await (const line of lines) {
    const question = line.trim();
    if (!question) break;
    const answer = await service.answer(question, { conversation: 'cli', ...(asOf ? { asOf } : {}) });
    console.log(values.json ? JSON.stringify(answer) : `${renderText(answer)}\n`);
    prompt();
  }
  lines.close();
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
