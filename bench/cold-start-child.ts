// Cold start, run in a fresh process by bench/run.ts: import the loader and resolver, read and validate
// the shipped knowledge, build the index. Prints one JSON line of milliseconds.
const started = performance.now();
const { loadKnowledgeDir } = await import('../src/knowledge/load-fs.js');
const { prepare } = await import('../src/resolve/index.js');
const imported = performance.now();
const loaded = await loadKnowledgeDir(new URL('../knowledge/', import.meta.url).pathname);
if (!loaded.ok) throw new Error(`knowledge does not load: ${loaded.problems.length} problems`);
const read = performance.now();
prepare(loaded.kb);
const indexed = performance.now();

process.stdout.write(
  `${JSON.stringify({
    importMs: imported - started,
    readValidateMs: read - imported,
    indexMs: indexed - read,
    totalMs: indexed - started,
    // performance.now() counts from the process's start: Node and tsx start-up included.
    sinceProcessStartMs: indexed,
  })}\n`,
);
