import { createInterface } from 'node:readline';
import { createEngine } from '../engine.js';
import { KnowledgeLoadError } from '../knowledge/problems.js';

/**
 * The scoring contract (../shared/eval/README.md): JSON lines in on stdin, one JSON line out per
 * question on stdout, nothing else on stdout. Problems go to stderr.
 */
async function main(): Promise<void> {
  const engine = await createEngine(
    process.env.KNOWLEDGE_DIR ? { knowledgeDir: process.env.KNOWLEDGE_DIR } : {},
  );
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    let input: { id?: unknown; question?: unknown; asOf?: unknown };
    try {
      input = JSON.parse(line);
    } catch {
      console.error(`line ${n}: not JSON, skipped`);
      continue;
    }
    const question = typeof input.question === 'string' ? input.question : '';
    const asOf = typeof input.asOf === 'string' ? input.asOf : undefined;
    const answer = engine.ask(question, asOf ? { asOf } : {});
    process.stdout.write(`${JSON.stringify({ id: input.id ?? null, ...answer })}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof KnowledgeLoadError ? error.message : error);
  process.exitCode = 1;
});
