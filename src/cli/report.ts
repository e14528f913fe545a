import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { FEEDBACK_FILE, UNANSWERED_FILE } from '../logbook.js';
import { IsoDate } from '../schemas/common.js';
import { FeedbackEntry, UnansweredEntry } from '../schemas/feedback.js';
import { missReport, readMisses } from './report-misses.js';
import { reviewReport } from './report-reviews.js';
import { ticketReport } from './report-tickets.js';

// `npm run report`: which questions the bot could not answer, and which answers people found unhelpful,
// so maintainers know which phrasings and topics to add to knowledge/.

export interface ReportOptions {
  /** Rows per table. */
  top?: number;
  /** Only entries on or after this day, YYYY-MM-DD. */
  since?: string;
}

export interface Read<T> {
  entries: T[];
  /** "unanswered.jsonl:17" for each line that is not a valid entry. */
  skipped: string[];
  missing: boolean;
}

/** Where the report reads from: DATA_DIR's JSON-lines files, or PostgreSQL (see report-pg.ts). */
export interface ReportSource {
  /** "DATA_DIR /srv/data" or "PostgreSQL postgres://…", for the report's first line. */
  label: string;
  unanswered(): Promise<Read<UnansweredEntry>>;
  feedback(): Promise<Read<FeedbackEntry>>;
  /** What to say when nothing is logged yet. */
  missingText(what: 'unanswered' | 'feedback'): string;
}

/** The JSON-lines files under `dataDir`. */
export function fileSource(dataDir: string): ReportSource {
  return {
    label: dataDir,
    unanswered: () => readJsonl(dataDir, UNANSWERED_FILE, UnansweredEntry),
    feedback: () => readJsonl(dataDir, FEEDBACK_FILE, FeedbackEntry),
    missingText: (what) =>
      `Nothing logged yet: ${what === 'unanswered' ? UNANSWERED_FILE : FEEDBACK_FILE} does not exist.`,
  };
}

async function readJsonl<S extends z.ZodType>(
  dataDir: string,
  file: string,
  schema: S,
): Promise<Read<z.infer<S>>> {
  let text: string;
  try {
    text = await readFile(join(dataDir, file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { entries: [], skipped: [], missing: true };
    throw error;
  }
  const entries: z.infer<S>[] = [];
  const skipped: string[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const parsed = schema.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
      else skipped.push(`${file}:${index + 1}`);
    } catch {
      // A crash mid-append leaves a partial last line; skip it rather than lose the whole report.
      skipped.push(`${file}:${index + 1}`);
    }
  });
  return { entries, skipped, missing: false };
}

/** Phrasings that differ only in case, spacing or closing punctuation count as one question. */
export function normaliseQuestion(question: string): string {
  return question
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s?.!]+$/, '')
    .trim();
}

interface Group {
  key: string;
  count: number;
  /** The most common original wording, shown to maintainers. */
  wordings: Map<string, number>;
  extra: Set<string>;
}

function groupBy<T>(
  entries: T[],
  key: (e: T) => string,
  wording: (e: T) => string,
  extra: (e: T) => string[],
) {
  const groups = new Map<string, Group>();
  for (const entry of entries) {
    const k = key(entry);
    const group = groups.get(k) ?? { key: k, count: 0, wordings: new Map(), extra: new Set() };
    group.count += 1;
    group.wordings.set(wording(entry), (group.wordings.get(wording(entry)) ?? 0) + 1);
    for (const value of extra(entry)) group.extra.add(value);
    groups.set(k, group);
  }
  return [...groups.values()];
}

const commonest = (wordings: Map<string, number>) => [...wordings].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
const pad = (value: string | number, width: number) => String(value).padStart(width);

/** The report as text; reads DATA_DIR's files (or the source given) and never changes them. */
export async function buildReport(from: string | ReportSource, options: ReportOptions = {}): Promise<string> {
  const source = typeof from === 'string' ? fileSource(from) : from;
  const dataDir = source.label;
  const top = options.top ?? 20;
  const keep = (at: string) => options.since === undefined || at.slice(0, 10) >= options.since;
  const unanswered = await source.unanswered();
  const feedback = await source.feedback();
  const questions = unanswered.entries.filter((e) => keep(e.at));
  const votes = feedback.entries.filter((e) => keep(e.at));

  const out: string[] = [
    `Maintainers' report from ${dataDir}${options.since ? ` (since ${options.since})` : ''}`,
    '',
  ];

  out.push(`Most frequent unanswered questions (${questions.length} logged)`);
  if (unanswered.missing) out.push(`  ${source.missingText('unanswered')}`);
  const byQuestion = groupBy(
    questions,
    (e) => normaliseQuestion(e.question),
    (e) => e.question.trim(),
    (e) => [e.status, ...e.options.map((o) => `maybe ${o}`)],
  ).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  for (const group of byQuestion.slice(0, top)) {
    out.push(`  ${pad(group.count, 4)}×  ${commonest(group.wordings)}  [${[...group.extra].join(', ')}]`);
  }
  out.push('  Add a phrasing or keyword to the topic each should have matched, or a new topic.', '');

  out.push(`Answers with the most "not helpful" votes (${votes.length} votes)`);
  if (feedback.missing) out.push(`  ${source.missingText('feedback')}`);
  const answerKey = (e: FeedbackEntry) => e.topicId ?? `question "${normaliseQuestion(e.question)}"`;
  const byAnswer = groupBy(
    votes,
    answerKey,
    (e) => e.question.trim(),
    () => [],
  );
  const ranked = byAnswer
    .map((group) => ({ group, bad: votes.filter((e) => !e.helpful && answerKey(e) === group.key).length }))
    .filter((row) => row.bad > 0)
    .sort((a, b) => b.bad - a.bad || a.group.key.localeCompare(b.group.key));
  for (const { group, bad } of ranked.slice(0, top)) {
    const wording = commonest(group.wordings);
    out.push(`  ${pad(bad, 4)} not helpful, ${group.count - bad} helpful  ${group.key}  e.g. "${wording}"`);
  }
  out.push("  Check these topics' eras, notes and sources.");

  const skipped = [...unanswered.skipped, ...feedback.skipped];
  if (skipped.length) {
    out.push(
      '',
      `Skipped ${skipped.length} line(s) that are not valid entries: ${skipped.slice(0, 10).join(', ')}`,
    );
  }
  return `${out.join('\n')}\n`;
}

async function main() {
  const { values } = parseArgs({
    options: {
      top: { type: 'string', default: '20' },
      since: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'npm run report -- [--top N] [--since YYYY-MM-DD]   (reads DATABASE_URL when set, else DATA_DIR, default ./data; misses also REDIS_URL)\n',
    );
    return;
  }
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 1)
    throw new Error(`--top must be a whole number of rows, e.g. --top 20 (got "${values.top}")`);
  if (values.since !== undefined && !IsoDate.safeParse(values.since).success) {
    throw new Error(
      `--since must be a real date written YYYY-MM-DD, e.g. --since 2026-10-01 (got "${values.since}")`,
    );
  }
  const databaseUrl = process.env.DATABASE_URL?.trim();
  if (databaseUrl) {
    const { pgSource } = await import('./report-pg.js');
    const source = await pgSource(databaseUrl);
    try {
      process.stdout.write(await buildReport(source, { top, since: values.since }));
      process.stdout.write(missReport((await readMisses(process.env)).misses, { top, since: values.since }));
      process.stdout.write(`\n${await ticketReport({ databaseUrl }, top)}\n`);
      process.stdout.write(await reviewReport(new Date().toISOString().slice(0, 10)));
    } finally {
      await source.close();
    }
    return;
  }
  const dataDir = resolve(process.env.DATA_DIR?.trim() || 'data');
  process.stdout.write(await buildReport(dataDir, { top, since: values.since }));
  process.stdout.write(missReport((await readMisses(process.env)).misses, { top, since: values.since }));
  process.stdout.write(`\n${await ticketReport({ dataDir }, top)}\n`);
  process.stdout.write(await reviewReport(new Date().toISOString().slice(0, 10)));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    process.stderr.write(`npm run report: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
