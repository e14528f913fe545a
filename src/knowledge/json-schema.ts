import { z } from 'zod';
import { KnowledgeFile } from '../schemas/knowledge-file.js';

/**
 * The JSON Schema editors use to autocomplete and check knowledge files (yaml-language-server).
 * Draft-07 because the YAML language server's newer-draft support was reverted; input types, so
 * fields with defaults are optional for the person typing.
 */
export function knowledgeJsonSchema(): string {
  const schema = z.toJSONSchema(KnowledgeFile, { target: 'draft-07', io: 'input' });
  return `${JSON.stringify({ ...schema, title: 'whocommissions knowledge file' }, null, 2)}\n`;
}

export const JSON_SCHEMA_PATH = 'schema/knowledge.schema.json';
