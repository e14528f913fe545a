import type { types } from '@slack/bolt';
import type { Answer, AnswerPart } from '../../src/schemas/answer.js';
import { timelineWords } from '../../src/timeline-words.js';
import { ACTION, clarifyActionId, encodeValue, valueFor } from './actions.js';
import { clipMrkdwn, clipPlain, escapeMrkdwn, mrkdwnLink } from './escape.js';
import { AS_OF_REASONS } from './format.js';

/** Slack's limits: characters in one text object, blocks in one message, buttons in one actions block. */
export const MAX_TEXT = 3000;
export const MAX_BLOCKS = 50;
const MAX_BUTTON_TEXT = 75;
const MAX_OPTIONS = 10;
/** The top-level text is what notifications and screen readers show; it stays short. */
const MAX_FALLBACK = 1000;

export type Block = types.KnownBlock;

/** A message ready for chat.postMessage / postEphemeral / response_url. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export interface AnswerRenderOptions {
  /** A private answer (slash command): add a "Share in channel" button. */
  shareable?: boolean;
  /** Slack user id of the person who shared a private answer into the channel. */
  sharedBy?: string;
}

export function section(mrkdwn: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clipMrkdwn(mrkdwn, MAX_TEXT) } };
}

export function context(mrkdwn: string): types.ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: clipMrkdwn(mrkdwn, MAX_TEXT) }] };
}

function button(text: string, actionId: string, value: string, style?: 'primary'): types.Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: clipPlain(text, MAX_BUTTON_TEXT), emoji: true },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

/**
 * A heading and bullet lines (already escaped) in one section. Lines that would pass Slack's
 * 3,000-character limit are left out whole, and the reader is told how many.
 */
export function listSection(heading: string, lines: string[]): types.SectionBlock {
  let text = `*${heading}*`;
  for (const [index, line] of lines.entries()) {
    const rest = lines.length - index;
    const more = `\n…and ${rest} more`;
    const next = `${text}\n• ${line}`;
    if (next.length + (rest > 1 ? more.length : 0) > MAX_TEXT) {
      text = index === 0 ? clipMrkdwn(next, MAX_TEXT) : `${text}${more}`;
      break;
    }
    text = next;
  }
  return section(text);
}

/** Keeps a message within 50 blocks, dropping from the middle so the buttons at the end survive. */
function fitBlocks(blocks: Block[]): Block[] {
  if (blocks.length <= MAX_BLOCKS) return blocks;
  const last = blocks[blocks.length - 1];
  return [...blocks.slice(0, MAX_BLOCKS - 1), ...(last ? [last] : [])];
}

/** "*NHS England* commissioned it jointly, where joint commissioning (level 2)": the condition is a bare label. */
function commissionerLine(c: Answer['commissioners'][number]): string {
  const where = c.condition ? `, where ${escapeMrkdwn(c.condition)}` : '';
  const note = c.note ? ` (${escapeMrkdwn(c.note)})` : '';
  // A place read names the body itself: "*Leeds City Council* (Local authority (council)) commissions it".
  const named = c.localName
    ? `*${escapeMrkdwn(c.localName)}* (${escapeMrkdwn(c.name)})`
    : `*${escapeMrkdwn(c.name)}*`;
  return `${named} ${escapeMrkdwn(c.roleText)}${where}${note}`;
}

function feedbackAndShare(answer: Answer, options: AnswerRenderOptions): types.ActionsBlock {
  const value = encodeValue(valueFor(answer));
  const elements: types.Button[] = [
    button('👍 Helpful', ACTION.helpful, value),
    button('👎 Not helpful', ACTION.notHelpful, value),
  ];
  if (options.shareable && answer.status === 'answered') {
    elements.unshift(button('Share in channel', ACTION.share, value, 'primary'));
  }
  return { type: 'actions', block_id: 'wc_feedback', elements };
}

function clarifyButtons(answer: Answer): types.ActionsBlock {
  return {
    type: 'actions',
    block_id: 'wc_clarify',
    elements: answer.options
      .slice(0, MAX_OPTIONS)
      .map((option, index) =>
        button(
          option.title,
          clarifyActionId(index),
          encodeValue({ q: answer.question, a: answer.asOf, t: option.topicId }),
        ),
      ),
  };
}

/**
 * The as-of line. The question is shown as plain_text: mrkdwn has no escape for `*`, `_` or `~`, so
 * "*urgent* _dental_" typed by a person would otherwise come out bold and italic.
 */
function asOfLine(answer: Answer, options: AnswerRenderOptions): types.ContextBlock {
  const elements: types.ContextBlock['elements'] = [
    {
      type: 'mrkdwn',
      text: `Answer as of *${escapeMrkdwn(answer.asOfText)}* (${AS_OF_REASONS[answer.asOfSource]})`,
    },
  ];
  // What the bot read, so a person sees at a glance when it misread the question.
  if (answer.status === 'answered' && answer.readAs)
    elements.push({ type: 'plain_text', text: `Read as: ${clipPlain(answer.readAs, 300)}`, emoji: false });
  if (answer.question)
    elements.push({
      type: 'plain_text',
      text: `asked: “${clipPlainQuestion(answer.question)}”`,
      emoji: false,
    });
  if (options.sharedBy && /^[UW][A-Z0-9]+$/.test(options.sharedBy))
    elements.push({ type: 'mrkdwn', text: `shared by <@${options.sharedBy}>` });
  return { type: 'context', elements };
}

const clipPlainQuestion = (question: string) => clipPlain(question, 300);

/** A part's own history: who held it over time (today and the as-of date marked) and what changed. */
function historyBlocks(part: AnswerPart): Block[] {
  const blocks: Block[] = [];
  if (part.timeline.length > 0)
    blocks.push(listSection('Who held it over time', timelineWords(part).map(escapeMrkdwn)));
  if (part.changes.length > 0) blocks.push(listSection('What changed', part.changes.map(escapeMrkdwn)));
  return blocks;
}

/** Related topics, never one this answer has just answered (the engine leaves those out). */
function seeAlsoBlocks(part: AnswerPart): Block[] {
  return part.seeAlso?.length
    ? [context(`See also: ${part.seeAlso.map((o) => escapeMrkdwn(o.title)).join('; ')}`)]
    : [];
}

/** A compound question: a section per thing asked, each with its own date, label, commissioners and history. */
function partBlocks(parts: AnswerPart[]): Block[] {
  return parts.flatMap((part) => {
    const title = `*${escapeMrkdwn(part.topic?.title ?? '')}* (as of ${escapeMrkdwn(part.asOfText)})`;
    const label =
      part.status === 'answered' && part.statusText ? `\n:warning: *${escapeMrkdwn(part.statusText)}*` : '';
    const blocks: Block[] = [{ type: 'divider' }, section(`${title}${label}\n${escapeMrkdwn(part.text)}`)];
    if (part.commissioners.length > 0)
      blocks.push(listSection('Commissioners', part.commissioners.map(commissionerLine)));
    return [...blocks, ...historyBlocks(part), ...seeAlsoBlocks(part)];
  });
}

/**
 * The whole Slack rendering of an Answer: a pure function, so every surface detail (escaping,
 * limits, buttons) is unit-tested without Slack.
 */
export function renderAnswer(answer: Answer, options: AnswerRenderOptions = {}): SlackMessage {
  const blocks: Block[] = [];
  if (answer.status === 'answered' && answer.statusText)
    blocks.push(section(`:warning: *${escapeMrkdwn(answer.statusText)}*`));

  const parts = answer.parts && answer.parts.length > 1 ? answer.parts : undefined;
  if (parts) blocks.push(...partBlocks(parts));
  else {
    const heading =
      answer.status === 'answered' && answer.topic ? `*${escapeMrkdwn(answer.topic.title)}*\n` : '';
    blocks.push(section(`${heading}${escapeMrkdwn(answer.text)}`));
  }

  if (!parts && answer.status === 'answered' && answer.commissioners.length > 0) {
    const heading = answer.commissioners.length === 1 ? 'Commissioner' : 'Commissioners';
    blocks.push(listSection(heading, answer.commissioners.map(commissionerLine)));
  }
  if (answer.followUp)
    blocks.unshift(context(`:leftwards_arrow_with_hook: ${escapeMrkdwn(answer.followUp)}`));
  if (answer.conditionsAsked.length > 0) {
    blocks.push(context(`Read from your question: ${answer.conditionsAsked.map(escapeMrkdwn).join(', ')}`));
  }
  if (answer.status === 'clarify' && answer.options.length > 0) blocks.push(clarifyButtons(answer));
  if (!parts) blocks.push(...historyBlocks(answer));
  if (answer.sources.length > 0) {
    blocks.push(
      listSection(
        'Sources',
        answer.sources.map(
          (s) => mrkdwnLink(s.url, s.title) + (s.where ? ` (${escapeMrkdwn(s.where)})` : ''),
        ),
      ),
    );
  }
  if (!parts) blocks.push(...seeAlsoBlocks(answer));
  if (answer.lookInstead) {
    // The engine words it as advice ("Try naming the service…"); under clarify buttons it is a hint.
    const look = escapeMrkdwn(answer.lookInstead);
    blocks.push(answer.status === 'clarify' ? context(look) : section(look));
  }
  blocks.push(asOfLine(answer, options));
  blocks.push(feedbackAndShare(answer, options));

  return { text: clipMrkdwn(escapeMrkdwn(fallbackText(answer)), MAX_FALLBACK), blocks: fitBlocks(blocks) };
}

/**
 * The notification and screen-reader text: the answer's text no longer names the commissioners (the
 * blocks show them above it), so the fallback names them itself.
 */
function fallbackText(answer: Answer): string {
  const who = answer.commissioners.map((c) => `${c.localName ?? c.name} ${c.roleText}`).join('; ');
  const title = answer.topic?.title;
  return [title && who ? `${title}: ${who}.` : who && `${who}.`, answer.text].filter(Boolean).join(' ');
}

/** A short message for when the engine itself failed: the person should not be left without a reply. */
export function renderFailure(): SlackMessage {
  const text = 'Sorry, something went wrong while answering. Please try again in a minute.';
  return { text, blocks: [section(text)] };
}
