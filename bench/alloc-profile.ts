import { Session } from 'node:inspector/promises';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { labelledResolves } from './labelled.js';
import { percentile, round } from './stats.js';

/**
 * Bytes allocated per message at the shipped size, a figure the machine's load does not move (unlike
 * p99, which on a busy machine measures waiting for a core). Allocation matters because the slowest
 * 1 % are the resolves a young-generation collection lands in: fewer bytes, fewer collections.
 *
 * Resolves the labelled sets (test/regression and bench/sets) once to warm up, then once more reading
 * the V8 heap's used size before and after each resolve; a resolve that a collection lands in (the
 * heap shrank) is left out of the figures. Run with a large young generation
 * (`node --max-semi-space-size=64 --import tsx bench/alloc-profile.ts`) so few are left out, or with
 * the server's own settings to count its scavenges.
 * `--where` instead samples every allocation (the inspector's sampling heap profiler, objects later
 * collected included) and lists the functions of src/ that allocate the most, by the innermost
 * frame in src/ and by the allocating frame itself.
 */

const args = process.argv.slice(2);
const { prepared, questions, ask } = await labelledResolves();

for (const q of questions) ask(q);
prepared.typoCache.clear();

if (args.includes('--where')) await where();
else await perMessage();

/**
 * Heap growth per resolve, with the cost of reading the heap's size itself taken off; and how many
 * young-generation collections (scavenges) the pass took, per 1,000 resolves: above 10, the p99 of a
 * resolve is a resolve that a collection landed in.
 */
async function perMessage(): Promise<void> {
  let scavenges = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if ((e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR)
        scavenges++;
  });
  observer.observe({ entryTypes: ['gc'] });
  const used = () => getHeapStatistics().used_heap_size;
  const overhead: number[] = [];
  for (let i = 0; i < 200; i++) {
    const a = used();
    overhead.push(used() - a);
  }
  const base = percentile(
    overhead.filter((d) => d >= 0).sort((a, b) => a - b),
    50,
  );
  const bytes: number[] = [];
  let collected = 0;
  for (const q of questions) {
    const before = used();
    ask(q);
    const delta = used() - before - base;
    if (delta < 0) collected++;
    else bytes.push(delta);
  }
  // GC entries are delivered after the pass: let them arrive.
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  bytes.sort((a, b) => a - b);
  const mean = bytes.reduce((s, b) => s + b, 0) / bytes.length;
  process.stdout.write(
    `${JSON.stringify({
      resolves: questions.length,
      leftOut: collected,
      scavengesPer1000: round((scavenges / questions.length) * 1000),
      meanKB: round(mean / 1000),
      p50KB: round(percentile(bytes, 50) / 1000),
      p99KB: round(percentile(bytes, 99) / 1000),
    })}\n`,
  );
}

type Node = {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: Node[];
};

/** Every allocation sampled, summed by the innermost src/ frame and by the allocating frame. */
async function where(): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 256,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (const q of questions) ask(q);
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as {
    profile: { head: Node };
  };
  const bySrc = new Map<string, number>();
  const bySelf = new Map<string, number>();
  const name = (n: Node) =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(src|node_modules)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
  const walk = (n: Node, src: string) => {
    const here = n.callFrame.url.includes('/src/') ? name(n) : src;
    bySrc.set(here, (bySrc.get(here) ?? 0) + n.selfSize);
    bySelf.set(name(n), (bySelf.get(name(n)) ?? 0) + n.selfSize);
    for (const c of n.children) walk(c, here);
  };
  walk(profile.head, '(outside src)');
  const total = [...bySelf.values()].reduce((s, b) => s + b, 0);
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 30)
      .map(([k, v]) => `${String(Math.round(v / questions.length)).padStart(7)} B/msg  ${k}`)
      .join('\n');
  process.stdout.write(
    `sampled ${round(total / questions.length / 1000)} kB per message over ${questions.length}\n\nby innermost src/ frame:\n${top(bySrc)}\n\nby allocating frame:\n${top(bySelf)}\n`,
  );
}
