import type { Answer, AnswerPart } from '../../src/schemas/answer.js';
import type { KnowledgeSummary } from '../../src/service.js';
import { timelineWords } from '../../src/timeline-words.js';
import type { AskAction, FeedbackAction } from './actions.js';
import { escapeMarkdown, markdownLink } from './markdown.js';

export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  msteams: { width: 'Full' };
}

/** At most six choices on a card, as Teams allows in one button set: more would bury the answer. */
const MAX_CHOICES = 6;

/** A full-width card in Teams (a local client gets it without `msteams`: see host.ts). */
export function card(body: CardElement[], actions: CardElement[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

/** A wrapping text block: Teams cuts text that does not wrap. */
export function text(markdown: string, extra: CardElement = {}): CardElement {
  return { type: 'TextBlock', text: markdown, wrap: true, ...extra };
}

function heading(label: string): CardElement {
  return text(`**${label}**`, { spacing: 'Medium' });
}

function bullets(items: string[]): CardElement[] {
  return items.map((item) => text(`• ${item}`, { spacing: 'None' }));
}

function submit(title: string, data: AskAction | FeedbackAction | Record<string, unknown>): CardElement {
  return { type: 'Action.Submit', title, data };
}

/**
 * A choice people click that reads in full however long it is: Teams lays buttons side by side and
 * cuts their titles ("W…"), so each choice is a full-width container whose text wraps.
 */
export function choice(label: string, data: AskAction | Record<string, unknown>): CardElement {
  return {
    type: 'Container',
    style: 'emphasis',
    spacing: 'Small',
    selectAction: submit(label, data),
    items: [text(escapeMarkdown(label), { color: 'Accent', weight: 'Bolder' })],
  };
}

/**
 * The label of an answer that is not yet law, said once near the top: dark text on Teams' warning
 * background (a Warning-coloured TextBlock is yellow on white, 1.47:1, unreadable).
 */
function statusBanner(statusText: string): CardElement {
  return {
    type: 'Container',
    style: 'warning',
    spacing: 'Small',
    items: [text(`**${escapeMarkdown(statusText)}**`)],
  };
}

function asOfLine(answer: Answer): string {
  const date = escapeMarkdown(answer.asOfText);
  return answer.asOfSource === 'today' ? `As of today, ${date}` : `As of ${date}`;
}

function commissionerLines(answer: AnswerPart): CardElement[] {
  return answer.commissioners.flatMap((c) => {
    // A place read names the body itself: "**Leeds City Council** (Local authority (council)) commissions it".
    const named = c.localName
      ? `**${escapeMarkdown(c.localName)}** (${escapeMarkdown(c.name)})`
      : `**${escapeMarkdown(c.name)}**`;
    const lines = [text(`${named} ${escapeMarkdown(c.roleText)}`, { spacing: 'Small' })];
    // A condition is a bare label ("fully delegated CCG"); a plan's label is never one ("Where: planned").
    if (c.condition)
      lines.push(text(`Where: ${escapeMarkdown(c.condition)}`, { isSubtle: true, spacing: 'None' }));
    if (c.note) lines.push(text(escapeMarkdown(c.note), { isSubtle: true, spacing: 'None' }));
    return lines;
  });
}

function feedbackActions(answer: Answer): CardElement[] {
  const base = {
    action: 'feedback' as const,
    question: answer.question,
    asOf: answer.asOf,
    status: answer.status,
    ...(answer.topic ? { topicId: answer.topic.id } : {}),
  };
  return [submit('Helpful', { ...base, helpful: true }), submit('Not helpful', { ...base, helpful: false })];
}

/** The options of a question back, as full-width choices. */
function clarifyChoices(answer: Answer): CardElement[] {
  const shown = answer.options.slice(0, MAX_CHOICES);
  // Only a date the person chose goes with the option: one read from the question, or carried from
  // the last question, is read again the same way, with its conditions, and said as it was.
  const asOf = answer.asOfSource === 'given' ? { asOf: answer.asOf } : {};
  const out = shown.map((o) =>
    choice(o.title, { action: 'ask', question: answer.question, ...asOf, topicId: o.topicId }),
  );
  const more = answer.options.length - shown.length;
  if (more > 0)
    out.push(text(`…and ${more} more. Ask again with more detail to narrow it down.`, { isSubtle: true }));
  return out;
}

/** A part's own history: who held it over time (today and the as-of date marked) and what changed. */
function history(part: AnswerPart): CardElement[] {
  const out: CardElement[] = [];
  if (part.timeline.length > 0)
    out.push(heading('Who held it over time'), ...bullets(timelineWords(part).map(escapeMarkdown)));
  if (part.changes.length > 0)
    out.push(heading('What changed'), ...bullets(part.changes.map(escapeMarkdown)));
  return out;
}

/** Related topics, never one this answer has just answered (the engine leaves those out). */
function seeAlso(part: AnswerPart): CardElement[] {
  if (!part.seeAlso?.length) return [];
  return [
    text(`See also: ${part.seeAlso.map((o) => escapeMarkdown(o.title)).join('; ')}`, { isSubtle: true }),
  ];
}

/** One thing asked of a compound question: its title, date, label, commissioners, text and own history. */
function partContainer(part: AnswerPart): CardElement {
  const label = part.status === 'answered' && part.statusText ? [statusBanner(part.statusText)] : [];
  return {
    type: 'Container',
    separator: true,
    spacing: 'Medium',
    items: [
      text(`**${escapeMarkdown(part.topic?.title ?? '')}** (as of ${escapeMarkdown(part.asOfText)})`),
      ...label,
      ...commissionerLines(part),
      text(escapeMarkdown(part.text)),
      ...history(part),
      ...seeAlso(part),
    ],
  };
}

export interface RenderOptions {
  /** Set once the person has clicked a feedback button: the buttons give way to a thank-you. */
  feedback?: boolean;
}

/** The Adaptive Card for an answer of any status. Pure: the same Answer always gives the same card. */
export function renderAnswerCard(answer: Answer, options: RenderOptions = {}): AdaptiveCard {
  const body: CardElement[] = [];
  const title = answer.topic?.title ?? answer.question;
  body.push(text(`**${escapeMarkdown(title)}**`, { size: 'Medium' }));
  body.push(text(asOfLine(answer), { isSubtle: true, spacing: 'None' }));
  if (answer.followUp)
    body.push(text(`↳ ${escapeMarkdown(answer.followUp)}`, { isSubtle: true, spacing: 'None' }));
  // What the bot read, so a misreading shows at a glance.
  if (answer.status === 'answered' && answer.readAs)
    body.push(text(`Read as: ${escapeMarkdown(answer.readAs)}`, { isSubtle: true, spacing: 'None' }));

  // Only answers that are not yet law carry a statusText; in-force and historic answers are plain fact.
  if (answer.status === 'answered' && answer.statusText) body.push(statusBanner(answer.statusText));

  const parts = answer.parts && answer.parts.length > 1 ? answer.parts : undefined;
  if (parts) body.push(...parts.map(partContainer));
  else {
    if (answer.status === 'answered' && answer.commissioners.length > 0)
      body.push(...commissionerLines(answer));
    body.push(text(escapeMarkdown(answer.text)));
  }

  if (answer.conditionsAsked.length > 0) {
    body.push(
      text(`You asked about: ${answer.conditionsAsked.map(escapeMarkdown).join(', ')}`, {
        isSubtle: true,
        spacing: 'Small',
      }),
    );
  }

  if (answer.status === 'clarify' && answer.options.length > 0) body.push(...clarifyChoices(answer));

  if (answer.lookInstead)
    body.push(heading('Where to look instead'), text(escapeMarkdown(answer.lookInstead)));
  if (!parts) body.push(...history(answer));
  if (answer.sources.length > 0) {
    body.push(
      heading('Sources'),
      ...bullets(
        answer.sources.map(
          (s) => markdownLink(s.title, s.url) + (s.where ? ` (${escapeMarkdown(s.where)})` : ''),
        ),
      ),
    );
  }
  if (!parts) body.push(...seeAlso(answer));

  if (options.feedback !== undefined) {
    const thanks = options.feedback
      ? 'Thanks: marked as helpful.'
      : 'Thanks: marked as not helpful. The maintainers will look at it.';
    body.push(text(thanks, { isSubtle: true, spacing: 'Medium' }));
    return card(body);
  }
  return card(body, feedbackActions(answer));
}

function introCard(greeting: string, summary: KnowledgeSummary): AdaptiveCard {
  const examples = summary.examples.slice(0, MAX_CHOICES); // chosen by src/help.ts for every surface
  const body: CardElement[] = [
    text(`**${greeting}**`, { size: 'Medium' }),
    text(
      'Ask in plain words who commissions a service in the English NHS, e.g. "who commissions GP contracts?". ' +
        'Add a date to ask about the past or a planned change: "in 2017", or "as of 1 April 2013". ' +
        'In a channel or group chat, @mention me first.',
    ),
    text(
      `I know ${summary.topics} topics, ${summary.bodies} bodies and ${summary.sources} sources, last updated ${summary.updatedText}. ` +
        'Every answer names its sources; check them before you rely on it.',
      { isSubtle: true },
    ),
  ];
  if (examples.length > 0) {
    body.push(heading('Try one of these'), ...examples.map((q) => choice(q, { action: 'ask', question: q })));
  }
  return card(body);
}

/** What `help`, `examples` or an empty message gets. */
export function helpCard(summary: KnowledgeSummary): AdaptiveCard {
  return introCard('How to ask me', summary);
}

/** Sent once when the bot is added to a personal chat, a group chat or a team. */
export function welcomeCard(summary: KnowledgeSummary): AdaptiveCard {
  return introCard('Hello! I answer "who commissions what" in the English NHS.', summary);
}
