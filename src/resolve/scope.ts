import type { KnowledgeBase } from '../knowledge/model.js';
import type { OutOfScope } from '../schemas/scope.js';
import { namesWhichBody } from './intent.js';
import { lastFew, perKnowledge, phraseAlternation, phrasePattern } from './memo.js';
import { type MessageReading, readMessage } from './message.js';
import { withoutNegated } from './negation.js';
import { normalise, stem, words } from './normalise.js';

/** A text's words, each stemmed, space-separated: "side-effects of antibiotics" → "side effect of antibiotic". */
const stemmed = lastFew(16, (text: string) => words(text).map(stem).join(' '));

// A text's pieces between punctuation, each stemmed: tested by every rule's asked object, so worked out
// once per text rather than split and stemmed again per rule.
const stemmedPieces = lastFew(8, (text: string) => text.split(/[,;:()]/).map(stemmed));

/**
 * Each out-of-scope rule with its phrases compiled into two patterns: as written (for phrases with
 * symbols, "£", "111 or 999"), and stemmed, matched against the stemmed text, so a phrase holds in
 * any form of its words, as topics' phrasings do ("antibiotics" catches "antibiotic", "write a"
 * catches "writing a", "side effects" catches "side-effect").
 */
const scopeRules = perKnowledge((kb) => {
  const rules = kb.outOfScope.map((rule) => {
    const phrases = rulePhrases(rule);
    const asWritten = phrasePattern(phrases.written);
    const inAnyForm = phrasePattern(phrases.stemmed);
    const pattern = askedObject(rule.asks);
    // An asked object does not reach across punctuation: "our GPs, ICB's job now?" is not "our … job".
    const asks = { test: (text: string) => anyPiece(pattern, text) };
    return {
      rule,
      re: {
        test: (text: string) => asWritten.test(text) || inAnyForm.test(stemmed(text)) || asks.test(text),
      },
      asks,
      lifted: phrasePattern(rule.unlessAsked),
    };
  });
  const unless = kb.outOfScope.filter((r) => r.unlessCommissioning);
  const rest = kb.outOfScope.filter((r) => !r.unlessCommissioning);
  return {
    rules,
    unless: anyRule(unless),
    asking: anyRule(rest.filter((r) => r.askingOnly)),
    whole: anyRule(rest.filter((r) => !r.askingOnly)),
  };
});

/** Whether a pattern holds in one of a text's stemmed pieces (a plain loop: run per rule, per clause). */
function anyPiece(pattern: RegExp, text: string): boolean {
  for (const piece of stemmedPieces(text)) if (pattern.test(piece)) return true;
  return false;
}

/** A rule's phrases as matched: those with more than words as written ("£", "a&e"), and all stemmed. */
function rulePhrases(rule: OutOfScope): { written: string[]; stemmed: string[] } {
  return {
    written: rule.phrases.filter((p) => words(p).join(' ') !== p.toLowerCase()),
    stemmed: rule.phrases.map(stemmed).filter(Boolean),
  };
}

/**
 * Whether any of a group of rules can hold in a text: their phrases and asked objects as one pattern each,
 * so a message no rule of the group touches (most) is scanned three times, not three times per rule. A
 * phrase pattern holds where one of its phrases does, so the union holds exactly where one rule's would.
 */
function anyRule(rules: readonly OutOfScope[]) {
  const phrases = rules.map(rulePhrases);
  const asWritten = phrasePattern(phrases.flatMap((p) => p.written));
  const inAnyForm = phrasePattern(phrases.flatMap((p) => p.stemmed));
  const objects = rules.filter((r) => r.asks).map((r) => `(?:${askedObject(r.asks).source})`);
  const asked = objects.length ? new RegExp(objects.join('|'), 'u') : /(?!)/u;
  const asks = (text: string) => anyPiece(asked, text);
  return {
    asks,
    test: (text: string) => asWritten.test(text) || inAnyForm.test(stemmed(text)) || asks(text),
  };
}

/**
 * "which hospital trust does …", "who is the provider running …": the thing asked for is the doer of
 * the verb that follows it at once. Built on stemmed words, so any form of each word holds; a word in
 * between ("what hospital services does …") makes the object something else, and no match.
 */
function askedObject(asks: OutOfScope['asks']): RegExp {
  if (!asks) return /(?!)/u;
  const any = (list: readonly string[]) => phraseAlternation(list.map(stemmed).filter(Boolean));
  return new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${any(asks.openers)})(?:\\s+\\S+){0,2}?\\s+(?:${any(asks.objects)})${asks.verbs ? `\\s+(?:${any(asks.verbs)})` : ''}(?![\\p{L}\\p{N}])`,
    'u',
  );
}

/**
 * The out-of-scope rule a message falls under, if any (from knowledge/scope.yaml), judged by what it asks.
 * A rule for a place or kind of thing (Scotland, insurance) holds wherever the message says it, unless
 * negated ("in England, not Scotland"). A rule for a kind of question (cost, eligibility, predictions)
 * holds only in a clause that asks, and not when that clause plainly asks which body holds something; one
 * marked askingOnly (complaints) holds in any clause that asks.
 */
export function outOfScope(message: MessageReading, kb: KnowledgeBase): OutOfScope | undefined {
  const whole = withoutNegated(message.clauses.map((c) => c.text).join(' '), kb);
  // A clause asking only as what a later "each" asks of names things; how the message asks is the later one.
  const asking = message.clauses
    .filter((c) => c.asks && !c.pulled)
    .map((c) => ({ ...c, text: withoutNegated(c.text, kb) }));
  let hit: OutOfScope | undefined;
  let inScopeClause = false;
  for (const { text: clause, shaped } of asking) {
    // Only asking which body counts here: "what will GP commissioning look like?" names commissioning
    // but asks for a prediction.
    const cue = namesWhichBody(clause, kb) || shaped;
    // What a clause asks for by its structure ("my NHS England job", "which trust runs") holds even in a
    // clause shaped like a question about a change: "what happens to my job when NHS England goes?".
    const { rules, unless } = scopeRules(kb);
    const possible = cue ? unless.asks(clause) : unless.test(clause);
    const rule = possible
      ? rules.find(
          ({ rule, re, asks }) => rule.unlessCommissioning && (cue ? asks.test(clause) : re.test(clause)),
        )
      : undefined;
    if (rule) hit ??= rule.rule;
    else if (cue) inScopeClause = true;
  }
  const { rules, asking: askingOnly, whole: anywhere } = scopeRules(kb);
  // Each rule is tried, in order, only where one of its group can hold at all.
  const possible = anywhere.test(whole) || asking.some((c) => askingOnly.test(c.text));
  for (const { rule, re, lifted } of possible ? rules : []) {
    if (rule.unlessCommissioning) continue;
    // "Moved from Glasgow … who commissions dentists here in England?": the asking clauses say where,
    // and the other place is context only.
    if (asking.some((c) => lifted.test(c.text)) && !asking.some((c) => re.test(c.text))) continue;
    // A rule for what a message asks ("how do I complain") holds in the clauses that ask: context
    // ("writing up a complaint timeline") is not what is asked.
    if (rule.askingOnly ? asking.some((c) => re.test(c.text)) : re.test(whole)) return rule;
  }
  return hit && !inScopeClause ? hit : undefined;
}

/** Whether asking words say where instead ("here in England"): the rule's `unlessAsked` words, in `text`. */
export function askedInstead(kb: KnowledgeBase, rule: OutOfScope, text: string): boolean {
  return (
    scopeRules(kb)
      .rules.find((r) => r.rule === rule)
      ?.lifted.test(text) ?? false
  );
}

/** The out-of-scope rule a question as typed falls under, if any: for the maintainers' lists. */
export function outOfScopeRule(question: string, kb: KnowledgeBase): OutOfScope | undefined {
  return outOfScope(readMessage(normalise(question), kb), kb);
}
