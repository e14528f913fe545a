import jsyaml from 'js-yaml';
import type { Document, LineCounter } from 'yaml';
import type { z } from 'zod';
import { Body } from '../schemas/body.js';
import { Condition, ConditionValue } from '../schemas/condition.js';
import { TimelineEvent } from '../schemas/event.js';
import { KnowledgeFile } from '../schemas/knowledge-file.js';
import { AnchorWords, Reading } from '../schemas/reading.js';
import { OutOfScope } from '../schemas/scope.js';
import { Source } from '../schemas/source.js';
import { Synonym } from '../schemas/synonym.js';
import { Era, Holder, Topic } from '../schemas/topic.js';
import type { KnowledgeProblem } from '../service.js';
import { messages } from './problems.js';
import { aliasMarker, syntaxProblems } from './yaml-errors.js';
import { yamlLib } from './yaml-lib.js';

export type PathKey = string | number;

/** A parsed file and a way to find the line of any path inside it. */
export interface ParsedFile {
  file: string;
  data: KnowledgeFile;
  /** Line and column of the value at `path` (of the key itself when `atKey`). */
  locate(path: readonly PathKey[], atKey?: boolean): { line: number; column: number };
}

export type ParseResult = { ok: true; parsed: ParsedFile } | { ok: false; problems: KnowledgeProblem[] };

/** "topics[3].eras[0].from" */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function locator(doc: Document, lineCounter: LineCounter) {
  const { isMap, isScalar } = yamlLib();
  return (path: readonly PathKey[], atKey = false) => {
    if (atKey && path.length > 0) {
      const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
      const pair = isMap(parent)
        ? parent.items.find((p) => isScalar(p.key) && p.key.value === path.at(-1))
        : undefined;
      const range = isScalar(pair?.key) ? pair.key.range : undefined;
      if (range) {
        const pos = lineCounter.linePos(range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    // Walk up the path until a node with a position is found (a missing field has none).
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range) {
        const pos = lineCounter.linePos(range[0]);
        return { line: pos.line, column: pos.col };
      }
    }
    return { line: 1, column: 1 };
  };
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a group of fields';
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = data;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

const DATE_FIELDS = new Set(['date', 'from', 'to', 'updated', 'reviewBy', 'checked']);
const isYear = (v: unknown): v is number =>
  Number.isInteger(v) && (v as number) >= 1900 && (v as number) <= 2100;

/** Turns one zod issue into a sentence a maintainer can act on. */
function friendlyMessage(issue: z.core.$ZodIssue, data: unknown): string {
  const value = valueAt(data, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return messages.missing();
      if (isYear(value) && DATE_FIELDS.has(String(issue.path.at(-1))))
        // "date: 2015" is a number in YAML: say so, and how to write it.
        return messages.unquotedYear(value, issue.path[0] === 'sources');
      return messages.wrongType(issue.expected, describe(value));
    case 'unrecognized_keys': {
      const shape = allowedKeys(data, issue.path);
      return issue.keys.map((k) => messages.unknownKey(k, shape)).join(' ');
    }
    case 'invalid_value':
      return messages.notOneOf(issue.values);
    case 'too_small':
      return messages.tooFew(issue.message);
    default:
      return messages.invalid(issue.message);
  }
}

// Allowed keys are read from the schema for the section the issue is in, so the message lists real choices.

function allowedKeys(_data: unknown, path: readonly PropertyKey[]): string[] {
  const keys = (o: { shape: object }) => Object.keys(o.shape);
  const names = path.filter((k): k is string => typeof k === 'string');
  const last = names.at(-1);
  const section = names[0];
  if (path.length === 0) return keys(KnowledgeFile);
  if (last === 'holders') return keys(Holder);
  if (last === 'eras') return keys(Era);
  if (last === 'values') return keys(ConditionValue);
  if (last === 'anchors') return keys(AnchorWords);
  const bySection: Record<string, { shape: object }> = {
    bodies: Body,
    sources: Source,
    conditions: Condition,
    topics: Topic,
    events: TimelineEvent,
    synonyms: Synonym,
    outOfScope: OutOfScope,
    reading: Reading,
  };
  const schema = section ? bySection[section] : undefined;
  return schema ? keys(schema) : keys(KnowledgeFile);
}

/** Parses and validates one file's text. Pure: no file system. */
export function parseKnowledgeFile(file: string, text: string): ParseResult {
  return fastParse(file, text) ?? fullParse(file, text);
}

/**
 * js-yaml is several times faster than \`yaml\` but keeps no positions. A file that parses and
 * validates needs positions only if the whole-base check finds a problem, so they are worked out
 * then, with \`yaml\`. Anything else goes the full way, which reports every problem with its line.
 */
function fastParse(file: string, text: string): ParseResult | undefined {
  let raw: unknown;
  try {
    raw = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, json: false });
  } catch {
    return undefined;
  }
  // An empty file (often a save caught half-way) goes the full way, which reports it.
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const result = KnowledgeFile.safeParse(raw);
  if (!result.success) return undefined;
  let located: ParsedFile['locate'] | undefined;
  const locate: ParsedFile['locate'] = (path, atKey) => {
    if (!located) {
      const { LineCounter, parseDocument } = yamlLib();
      const lineCounter = new LineCounter();
      located = locator(parseDocument(text, { lineCounter }), lineCounter);
    }
    return located(path, atKey);
  };
  return { ok: true, parsed: { file, data: result.data, locate } };
}

/** Each `*name` with no `&name` before it, at its own line: the yaml library would throw at 1:1. */
function unresolvedAliases(file: string, doc: Document, lineCounter: LineCounter): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  const { isAlias, visit } = yamlLib();
  visit(doc, {
    Alias(_key, node) {
      if (!isAlias(node) || node.resolve(doc) !== undefined) return;
      const pos = lineCounter.linePos(node.range?.[0] ?? 0);
      problems.push({
        file,
        line: pos.line,
        column: pos.col,
        field: '',
        message: messages.unresolvedAlias(node.source),
      });
    },
  });
  return problems;
}

function fullParse(file: string, text: string): ParseResult {
  const { isMap, LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { ok: false, problems: syntaxProblems(file, text, doc.errors, lineCounter) };
  }
  const locate = locator(doc, lineCounter);
  const aliases = unresolvedAliases(file, doc, lineCounter);
  if (aliases.length > 0) return { ok: false, problems: aliases };
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (error) {
    // e.g. too many aliases (a "billion laughs" file): plain words, not the library's exception.
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [{ file, line: 1, column: 1, field: '', message: messages.notConvertible(detail) }],
    };
  }
  if (raw === null || raw === undefined) {
    return { ok: false, problems: [{ file, line: 1, column: 1, field: '', message: messages.emptyFile() }] };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      ok: false,
      problems: [{ file, line: 1, column: 1, field: '', message: messages.notAMapping() }],
    };
  }
  const result = KnowledgeFile.safeParse(raw);
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => {
        const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
        // An unknown key is best pointed at the key itself.
        const at =
          issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...path, issue.keys[0]] : path;
        const pos = locate(at, issue.code === 'unrecognized_keys');
        // "[A&E, &E]": the & made an empty anchored value; say what & means rather than "found nothing".
        const marker = valueAt(raw, path) == null && aliasMarker(text.split(/\r?\n/)[pos.line - 1] ?? '');
        return {
          file,
          ...pos,
          field: formatPath(path),
          message: marker ? messages.aliasOrAnchor(marker.char) : friendlyMessage(issue, raw),
        };
      }),
    };
  }
  if (!isMap(doc.contents) && doc.contents !== null) {
    return {
      ok: false,
      problems: [{ file, line: 1, column: 1, field: '', message: messages.notAMapping() }],
    };
  }
  return { ok: true, parsed: { file, data: result.data, locate } };
}
