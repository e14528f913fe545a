import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { Places } from '../places/places.js';
import type { KnowledgeProblem } from '../service.js';
import { checkAll } from './check.js';
import type { KnowledgeBase } from './model.js';
import { type ParseResult, parseKnowledgeFile } from './parse.js';
import { loadPlaces, PLACES_FOLDER, placePaths } from './places.js';
import { messages } from './problems.js';

export type LoadResult = { ok: true; kb: KnowledgeBase } | { ok: false; problems: KnowledgeProblem[] };

/** One file as it was read: enough to tell whether it changed afterwards. */
export interface FileStamp {
  path: string;
  size: number;
  mtimeMs: number;
  sha256: string;
}

/** A load, with the files it read (empty when the folder itself could not be listed). */
export type StampedLoad = LoadResult & { files: FileStamp[] };

const stampOf = (path: string, text: string, info: { size: number; mtimeMs: number }): FileStamp => ({
  path,
  size: info.size,
  mtimeMs: info.mtimeMs,
  sha256: createHash('sha256').update(text).digest('hex'),
});

/**
 * Every *.yaml under `dir`, sorted, so load order (and so error order) is stable. The place tables'
 * folder is read by loadPlaces: its manifest is not a knowledge file.
 */
async function yamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const places = `${PLACES_FOLDER}${sep}`;
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => !relative(dir, path).startsWith(places))
    .sort();
}

/** The knowledge files and the place tables that exist, for noticing a change to any of them. */
async function watchedFiles(dir: string): Promise<string[]> {
  const places = await Promise.all(
    placePaths(dir).map((p) =>
      stat(p)
        .then(() => p)
        .catch(() => ''),
    ),
  );
  return [...(await yamlFiles(dir)), ...places.filter(Boolean)];
}

/** Reads, validates and merges a knowledge folder. File reading lives here; the logic in parse/check. */
export async function loadKnowledgeDir(
  dir: string,
  displayRoot = process.cwd(),
  options: { ignore?: (path: string) => boolean } = {},
): Promise<StampedLoad> {
  let paths: string[];
  try {
    paths = (await yamlFiles(dir)).filter((path) => !options.ignore?.(path));
  } catch (error) {
    return {
      ok: false,
      files: [],
      problems: [{ file: dir, line: 1, column: 1, field: '', message: messages.unreadable(String(error)) }],
    };
  }
  if (paths.length === 0) {
    return {
      ok: false,
      files: [],
      problems: [{ file: dir, line: 1, column: 1, field: '', message: messages.emptyFolder(dir) }],
    };
  }
  const files: FileStamp[] = [];
  const results: ParseResult[] = [];
  let newest = 0;
  for (const path of paths) {
    const shown = relative(displayRoot, path) || path;
    try {
      // Stat before reading: a write landing between the two then shows up as a change afterwards.
      const info = await stat(path);
      const text = await readFile(path, 'utf8');
      files.push(stampOf(path, text, info));
      newest = Math.max(newest, info.mtimeMs);
      results.push(parseKnowledgeFile(shown, text));
    } catch (error) {
      const problem = {
        file: shown,
        line: 1,
        column: 1,
        field: '',
        message: messages.unreadable(String(error)),
      };
      results.push({ ok: false, problems: [problem] });
    }
  }
  const checked = checkAll(results, new Date(newest).toISOString().slice(0, 10));
  const places = await loadPlaces(dir, displayRoot, files);
  if (!places.ok)
    return { ok: false, files, problems: [...(checked.ok ? [] : checked.problems), ...places.problems] };
  if (!checked.ok) return { ...checked, files };
  return { ok: true, kb: { ...checked.kb, places: new Places(places.tables) }, files };
}

/**
 * What changed in the folder since `files` were read (a file added, removed, or different in size,
 * time or content), in words; undefined when nothing did. Knowledge read while an editor was saving
 * must not be swapped in.
 */
export async function changedSince(dir: string, files: FileStamp[]): Promise<string | undefined> {
  const paths = await watchedFiles(dir).catch(() => []);
  const before = new Set(files.map((f) => f.path));
  const added = paths.find((path) => !before.has(path));
  if (added) return `${added} appeared`;
  for (const file of files) {
    const now = await Promise.all([stat(file.path), readFile(file.path, 'utf8')]).catch(() => undefined);
    if (!now) return `${file.path} disappeared`;
    const stamp = stampOf(file.path, now[1], now[0]);
    if (stamp.size !== file.size || stamp.mtimeMs !== file.mtimeMs || stamp.sha256 !== file.sha256) {
      return `${file.path} changed`;
    }
  }
  return undefined;
}

/** The files served before that a new load lacks, by path. */
export function lostFiles(served: FileStamp[], next: FileStamp[]): string[] {
  const kept = new Set(next.map((f) => f.path));
  return served.map((f) => f.path).filter((path) => !kept.has(path));
}
