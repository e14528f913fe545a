import { buildDecision, type Decision } from '../decide/decision.js';
import { FEATURES } from '../decide/features.js';
import { Places } from '../places/places.js';
import type { Reading } from '../schemas/reading.js';
import { NOT_LAW } from '../schemas/topic.js';
import type { KnowledgeProblem } from '../service.js';
import { countWarnings } from './count-checks.js';
import {
  checkEventReviewBy,
  checkHolders,
  checkReviewBy,
  type ReviewItem,
  sourceWarnings,
} from './era-checks.js';
import type { KnowledgeBase } from './model.js';
import type { ParsedFile, ParseResult, PathKey } from './parse.js';
import { formatPath } from './parse.js';
import { emptyTables } from './places.js';
import { messages } from './problems.js';

type Located<T> = { item: T; file: ParsedFile; path: PathKey[] };

function normalisePhrase(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Merges parsed files into one knowledge base and checks it as a whole: ids exist and are unique,
 * eras are ordered and do not overlap, titles and phrasings are not shared. Pure.
 */
export function mergeAndCheck(
  files: ParsedFile[],
  updated: string,
  options: { partial?: boolean } = {},
): { ok: true; kb: KnowledgeBase } | { ok: false; problems: KnowledgeProblem[] } {
  const problems: KnowledgeProblem[] = [];
  // With a file that could not be read, an id it defines looks missing: say nothing about missing ids then.
  const missing = (message: string) => !options.partial && message;
  const report = (at: { file: ParsedFile; path: PathKey[] }, path: PathKey[], message: string) => {
    problems.push({ file: at.file.file, ...at.file.locate(path), field: formatPath(path), message });
  };
  const where = (at: { file: ParsedFile; path: PathKey[] }) => {
    const pos = at.file.locate(at.path);
    return `${at.file.file}:${pos.line}`;
  };

  function collect<K extends 'bodies' | 'sources' | 'conditions' | 'topics' | 'events', T>(section: K) {
    const out: Located<T>[] = [];
    for (const file of files) {
      const list = (file.data[section] ?? []) as T[];
      list.forEach((item, i) => {
        out.push({ item, file, path: [section, i] });
      });
    }
    return out;
  }

  function uniqueById<T extends { id: string }>(kind: string, list: Located<T>[]) {
    const map = new Map<string, Located<T>>();
    for (const entry of list) {
      const seen = map.get(entry.item.id);
      if (seen) report(entry, [...entry.path, 'id'], messages.duplicateId(kind, entry.item.id, where(seen)));
      else map.set(entry.item.id, entry);
    }
    return map;
  }

  const bodies = uniqueById('body', collect<'bodies', import('../schemas/body.js').Body>('bodies'));
  const sources = uniqueById('source', collect<'sources', import('../schemas/source.js').Source>('sources'));
  const conditions = uniqueById(
    'condition',
    collect<'conditions', import('../schemas/condition.js').Condition>('conditions'),
  );
  const topics = uniqueById('topic', collect<'topics', import('../schemas/topic.js').Topic>('topics'));
  const events = uniqueById(
    'event',
    collect<'events', import('../schemas/event.js').TimelineEvent>('events'),
  );

  const needBody = (at: Located<unknown>, path: PathKey[], id: string) => {
    if (!bodies.has(id) && missing('body')) report(at, path, messages.unknownBody(id));
  };
  const needSources = (at: Located<unknown>, path: PathKey[], ids: string[]) => {
    ids.forEach((id, i) => {
      if (!sources.has(id) && missing('source')) report(at, [...path, i], messages.unknownSource(id));
    });
  };

  for (const b of bodies.values()) {
    b.item.successors.forEach((id, i) => {
      needBody(b, [...b.path, 'successors', i], id);
    });
    needSources(b, [...b.path, 'sources'], b.item.sources);
    b.item.counts.forEach((count, i) => {
      const path = [...b.path, 'counts', i];
      if (count.to && count.to < count.from)
        report(b, [...path, 'to'], messages.eraBackwards(count.from, count.to));
      needSources(b, [...path, 'sources'], count.sources);
    });
  }
  const reviews: ReviewItem[] = [];
  for (const e of events.values()) {
    checkEventReviewBy(e, e.item, report, reviews);
    e.item.bodies.forEach((id, i) => {
      needBody(e, [...e.path, 'bodies', i], id);
    });
    needSources(e, [...e.path, 'sources'], e.item.sources);
  }

  const titles = new Map<string, Located<unknown>>();
  const phrasings = new Map<string, { topic: string; at: Located<unknown> }>();
  for (const t of topics.values()) {
    const topic = t.item;
    const titleKey = normalisePhrase(topic.title);
    const sameTitle = titles.get(titleKey);
    if (sameTitle) report(t, [...t.path, 'title'], messages.duplicateTitle(topic.title, where(sameTitle)));
    else titles.set(titleKey, t);

    topic.phrasings.forEach((phrase, i) => {
      const key = normalisePhrase(phrase);
      const owner = phrasings.get(key);
      if (owner && owner.topic !== topic.id) {
        report(t, [...t.path, 'phrasings', i], messages.sharedPhrasing(phrase, owner.topic, where(owner.at)));
      } else if (!owner)
        phrasings.set(key, { topic: topic.id, at: { ...t, path: [...t.path, 'phrasings', i] } });
    });
    topic.related.forEach((id, i) => {
      if (!topics.has(id) && missing('topic'))
        report(t, [...t.path, 'related', i], messages.unknownTopic(id));
    });

    let previous: { from?: string; to?: string } | undefined;
    checkHolders(t, topic, bodies, report);
    checkReviewBy(t, topic, report, reviews);
    const lawEras = topic.eras.map((era, i) => ({ era, i })).filter(({ era }) => !NOT_LAW.has(era.status));
    topic.eras.forEach((era, i) => {
      const eraPath = [...t.path, 'eras', i];
      if (era.from && era.to && era.to < era.from)
        report(t, [...eraPath, 'to'], messages.eraBackwards(era.from, era.to));
      needSources(t, [...eraPath, 'sources'], era.sources);
      era.holders.forEach((holder, h) => {
        const hPath = [...eraPath, 'holders', h];
        needBody(t, [...hPath, 'body'], holder.body);
        for (const [conditionId, value] of Object.entries(holder.when ?? {})) {
          const condition = conditions.get(conditionId);
          if (!condition) {
            if (missing('condition'))
              report(t, [...hPath, 'when', conditionId], messages.unknownCondition(conditionId));
            continue;
          }
          const allowed = condition.item.values.map((v) => v.id);
          for (const v of Array.isArray(value) ? value : [value]) {
            if (!allowed.includes(v))
              report(
                t,
                [...hPath, 'when', conditionId],
                messages.unknownConditionValue(conditionId, v, allowed),
              );
          }
        }
      });
    });
    lawEras.forEach(({ era, i }, n) => {
      const eraPath = [...t.path, 'eras', i];
      if (n > 0 && !era.from) report(t, eraPath, messages.eraOpenBefore());
      if (n < lawEras.length - 1 && !era.to) report(t, eraPath, messages.eraOpenAfter());
      if (previous?.from && era.from && era.from < previous.from)
        report(t, [...eraPath, 'from'], messages.eraOrder(previous.from, era.from));
      else if (previous?.to && era.from && era.from <= previous.to)
        report(t, [...eraPath, 'from'], messages.eraOverlap(previous.to, era.from));
      previous = era;
    });
  }

  const reading = readingSection(files, report, where);
  const decision = decisionOf(files, report);
  checkScopePhrases(files, [...topics.values()], report);
  if (!reading && missing('reading')) {
    const first = files[0];
    problems.push({
      file: first?.file ?? 'knowledge',
      line: 1,
      column: 1,
      field: 'reading',
      message: messages.missingReading(),
    });
  }
  if (problems.length > 0 || !reading) return { ok: false, problems };

  const topicList = [...topics.values()].map((t) => t.item);
  return {
    ok: true,
    kb: {
      // The newest review date maintainers wrote down; the files' own dates only when none is given.
      updated: files.map((f) => f.data.updated ?? '').reduce((a, b) => (b > a ? b : a), '') || updated,
      bodies: new Map([...bodies].map(([id, v]) => [id, v.item])),
      sources: new Map([...sources].map(([id, v]) => [id, v.item])),
      conditions: new Map([...conditions].map(([id, v]) => [id, v.item])),
      topics: topicList,
      topicById: new Map(topicList.map((t) => [t.id, t])),
      events: [...events.values()].map((e) => e.item).sort((a, b) => a.date.localeCompare(b.date)),
      synonyms: files.flatMap((f) => f.data.synonyms ?? []),
      outOfScope: files.flatMap((f) => f.data.outOfScope ?? []),
      examples: files.flatMap((f) => f.data.examples ?? []),
      reading,
      ...decision,
      reviews,
      // Filled from knowledge/places by load-fs; empty for knowledge merged without a folder.
      places: new Places(emptyTables()),
      warnings: [...sourceWarnings(sources.values()), ...countWarnings(topics.values(), bodies.values())],
    },
  };
}

/**
 * The decision model of the file holding it, with maintainers' example messages learnt on top. A model
 * trained on other features, or damaged, is a problem: answering without the decision it was meant to
 * give would be answering with no safety net.
 */
function decisionOf(files: ParsedFile[], report: Report): { decision?: Decision } {
  const file = files.find((f) => f.data.decisionModel);
  const model = file?.data.decisionModel;
  if (!file || !model) return {};
  const at = { file, path: ['decisionModel'] as PathKey[] };
  if (model.features.join() !== FEATURES.join()) {
    report(at, ['decisionModel', 'features'], messages.decisionStale(model.features.join(', ')));
    return {};
  }
  try {
    return {
      decision: buildDecision(
        model,
        files.flatMap((f) => f.data.exampleMessages ?? []),
      ),
    };
  } catch (error) {
    report(at, ['decisionModel', 'classifiers'], messages.decisionUnreadable((error as Error).message));
    return {};
  }
}

type Report = (at: { file: ParsedFile; path: PathKey[] }, path: PathKey[], message: string) => void;

/** The one `reading:` section; a second one is refused, since two word lists would disagree. */
function readingSection(
  files: ParsedFile[],
  report: Report,
  where: (at: { file: ParsedFile; path: PathKey[] }) => string,
): Reading | undefined {
  const holders = files.filter((f) => f.data.reading);
  const [first, ...rest] = holders;
  for (const other of rest) {
    const at = { file: other, path: ['reading'] as PathKey[] };
    report(
      at,
      ['reading'],
      messages.duplicateReading(first ? where({ file: first, path: ['reading'] }) : ''),
    );
  }
  return first?.data.reading;
}

/**
 * A scope phrase that is also in a topic's title or phrasing would refuse the very questions that
 * topic answers ("cost" in "Cost of prescriptions"?): refuse the phrase instead.
 */
function checkScopePhrases(
  files: ParsedFile[],
  topics: Located<import('../schemas/topic.js').Topic>[],
  report: Report,
): void {
  const texts = topics.flatMap((t) =>
    [t.item.title, ...t.item.phrasings].map((text) => ({
      id: t.item.id,
      text: ` ${normalisePhrase(text)} `,
    })),
  );
  for (const file of files) {
    (file.data.outOfScope ?? []).forEach((rule, r) => {
      rule.phrases.forEach((phrase, i) => {
        const key = ` ${normalisePhrase(phrase)} `;
        const clash = key.trim() ? texts.find((t) => t.text.includes(key)) : undefined;
        if (clash)
          report(
            { file, path: ['outOfScope', r] },
            ['outOfScope', r, 'phrases', i],
            messages.scopeClash(phrase, clash.id),
          );
      });
    });
  }
}

/**
 * Every problem in one run: files that parsed are checked together even when another file could not
 * be read, so a maintainer fixing a YAML slip in one file also sees an unknown field in the next.
 */
export function checkAll(
  results: ParseResult[],
  updated: string,
): { ok: true; kb: KnowledgeBase } | { ok: false; problems: KnowledgeProblem[] } {
  const parsed = results.flatMap((r) => (r.ok ? [r.parsed] : []));
  const failed = results.flatMap((r) => (r.ok ? [] : r.problems));
  const merged = mergeAndCheck(parsed, updated, { partial: failed.length > 0 });
  if (failed.length === 0) return merged;
  return { ok: false, problems: [...failed, ...(merged.ok ? [] : merged.problems)] };
}
