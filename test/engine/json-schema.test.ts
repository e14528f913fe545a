import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { JSON_SCHEMA_PATH, knowledgeJsonSchema } from '../../src/knowledge/json-schema.js';

describe('the editor schema for knowledge files', () => {
  it('is up to date with the zod schemas (run npm run kb:schema if this fails)', async () => {
    const committed = await readFile(`knowledge/${JSON_SCHEMA_PATH}`, 'utf8');
    expect(committed).toBe(knowledgeJsonSchema());
  });

  it('is draft-07 and does not require fields that have defaults', () => {
    const schema = JSON.parse(knowledgeJsonSchema());
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const topic = schema.properties.topics.items;
    expect(topic.required).toEqual(['id', 'title', 'eras']);
  });
});
