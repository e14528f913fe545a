import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { yamlLib } from '../../knowledge/yaml-lib.js';

/** Where a topic is written: its file (relative to the knowledge folder), and lines of it and its eras. */
export interface TopicPlace {
  file: string;
  line: number;
  /** The line of each era, in the order they are written. */
  eras: number[];
}

/**
 * Where each topic is written in the knowledge folder, so the maintainers' page can say which file
 * and line to edit. Read from the files as they are now; the loader keeps no positions.
 */
export async function locateTopics(dir: string): Promise<Map<string, TopicPlace>> {
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = yamlLib();
  const places = new Map<string, TopicPlace>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const path of files) {
    const text = await readFile(path, 'utf8').catch(() => '');
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines });
    const topics = doc.get('topics', true);
    if (!isSeq(topics)) continue;
    const lineOf = (node: unknown) => {
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      return range ? lines.linePos(range[0]).line : 1;
    };
    for (const item of topics.items) {
      if (!isMap(item)) continue;
      const id = item.get('id', true);
      if (!isScalar(id) || typeof id.value !== 'string') continue;
      const eras = item.get('eras', true);
      places.set(id.value, {
        file: relative(dir, path),
        line: lineOf(id),
        eras: isSeq(eras) ? eras.items.map(lineOf) : [],
      });
    }
  }
  return places;
}
