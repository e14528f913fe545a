import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DEFAULT_KNOWLEDGE_DIR } from '../engine.js';
import { JSON_SCHEMA_PATH, knowledgeJsonSchema } from '../knowledge/json-schema.js';

/** `npm run kb:schema`: regenerate knowledge/schema/knowledge.schema.json after changing a zod schema. */
const target = join(DEFAULT_KNOWLEDGE_DIR, JSON_SCHEMA_PATH);
await mkdir(dirname(target), { recursive: true });
await writeFile(target, knowledgeJsonSchema(), 'utf8');
console.log(`Wrote ${target}`);
