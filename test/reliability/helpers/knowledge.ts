import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledgeDir } from '../../../src/knowledge/load-fs.js';
import type { KnowledgeBase } from '../../../src/knowledge/model.js';

export const KNOWLEDGE_DIR = fileURLToPath(new URL('../../../knowledge/', import.meta.url));

/** The shipped knowledge, loaded as the server loads it. */
export async function shippedKnowledge(): Promise<KnowledgeBase> {
  const loaded = await loadKnowledgeDir(KNOWLEDGE_DIR);
  if (!loaded.ok)
    throw new Error(`the shipped knowledge does not load: ${JSON.stringify(loaded.problems[0])}`);
  return loaded.kb;
}

export interface KnowledgeText {
  /** As the loader shows it: knowledge/<name>.yaml */
  file: string;
  text: string;
}

/** Every knowledge YAML file's text, in the loader's order, read once into memory. */
export function knowledgeTexts(): KnowledgeText[] {
  return readdirSync(KNOWLEDGE_DIR)
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort()
    .map((name) => ({ file: `knowledge/${name}`, text: readFileSync(join(KNOWLEDGE_DIR, name), 'utf8') }));
}

/** YYYY-MM-DD that exists in the calendar. */
export function isRealIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
