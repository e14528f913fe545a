import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { KnowledgeProblem } from '../service.js';
import { mergeAndCheck } from './check.js';
import type { KnowledgeBase } from './model.js';
import { type ParsedFile, parseKnowledgeFile } from './parse.js';
import { messages } from './problems.js';

export type LoadResult = { ok: true; kb: KnowledgeBase } | { ok: false; problems: KnowledgeProblem[] };

/** Every *.yaml under `dir`, sorted, so load order (and so error order) is stable. */
async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Reads, validates and merges a knowledge folder. File reading lives here; the logic in parse/check. */
export async function loadKnowledgeDir(dir: string, displayRoot = process.cwd()): Promise<LoadResult> {
  let paths: string[];
  try {
    paths = await yamlFiles(dir);
  } catch (error) {
    return {
      ok: false,
      problems: [{ file: dir, line: 1, column: 1, field: '', message: messages.unreadable(String(error)) }],
    };
  }
  if (paths.length === 0) {
    return {
      ok: false,
      problems: [{ file: dir, line: 1, column: 1, field: '', message: messages.emptyFolder(dir) }],
    };
  }
  const problems: KnowledgeProblem[] = [];
  const parsed: ParsedFile[] = [];
  let newest = 0;
  for (const path of paths) {
    const shown = relative(displayRoot, path) || path;
    try {
      const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
      newest = Math.max(newest, info.mtimeMs);
      const result = parseKnowledgeFile(shown, text);
      if (result.ok) parsed.push(result.parsed);
      else problems.push(...result.problems);
    } catch (error) {
      problems.push({
        file: shown,
        line: 1,
        column: 1,
        field: '',
        message: messages.unreadable(String(error)),
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return mergeAndCheck(parsed, new Date(newest).toISOString().slice(0, 10));
}
