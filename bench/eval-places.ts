import { readFileSync } from 'node:fs';
import { createEngine } from '../src/engine.js';
import { KnowledgeLoadError } from '../src/knowledge/problems.js';
import { PlaceLine, scoreAll } from './place-score.js';

// npm run eval:places -- FILE: answers every line of a JSON-lines file of place questions (the batch's
// answer for each, at its asOf) and prints accuracy, how many were wrong or abstained, and the wrong lines.
// The line format is PlaceLine in bench/place-score.ts.

function readLines(file: string): PlaceLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, i) => {
      if (!text.trim()) return [];
      const parsed = PlaceLine.safeParse(JSON.parse(text));
      if (!parsed.success)
        throw new Error(`${file}:${i + 1}: not a place line (${parsed.error.issues[0]?.message})`);
      return [parsed.data];
    });
}

async function main(): Promise<void> {
  const file = process.argv.slice(2).find((a) => !a.startsWith('-'));
  if (!file) throw new Error('usage: npm run eval:places -- FILE.jsonl');
  const engine = await createEngine();
  const lines = readLines(file);
  const results = lines.map((line) => ({
    line,
    answer: engine.ask(line.question, line.asOf ? { asOf: line.asOf } : {}),
  }));
  const s = scoreAll(results);
  const pct = (n: number) => (s.total ? (n / s.total).toFixed(3) : '0');
  console.log(`${file}: ${s.total} lines`);
  console.log(
    `accuracy ${pct(s.right)} (${s.right} right), wrong ${s.wrong.length}, abstained ${s.abstained.length}`,
  );
  // By the lines' intent label, where they have one (which-body, about-body).
  const intents = [...new Set(lines.map((l) => l.labels?.intent).filter((i): i is string => !!i))];
  for (const intent of intents) {
    const part = scoreAll(results.filter((r) => r.line.labels?.intent === intent));
    console.log(
      `  ${intent}: ${part.right}/${part.total} right, ${part.wrong.length} wrong, ${part.abstained.length} abstained`,
    );
  }
  for (const w of s.wrong) console.log(`  wrong ${w.line.id}: ${w.line.question} — ${w.why} (got ${w.got})`);
  for (const a of s.abstained) console.log(`  abstained ${a.id}: ${a.question}`);
}

main().catch((error: unknown) => {
  console.error(
    error instanceof KnowledgeLoadError ? error.message : error instanceof Error ? error.message : error,
  );
  process.exitCode = 1;
});
