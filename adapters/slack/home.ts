import type { types } from '@slack/bolt';
import { FOLLOW_UP_TIP } from '../../src/help.js';
import type { KnowledgeSummary } from '../../src/service.js';
import { type Block, context, listSection, type SlackMessage, section } from './blocks.js';
import { escapeMrkdwn } from './escape.js';

/** The slash command the manifest declares; listeners.ts registers the same string. */
export const SLASH_COMMAND = '/whocommissions';

const HOW_TO_ASK = [
  '*Ask me who commissions a service in the English NHS, on any date.*',
  '• Mention me in a channel: `@whocommissions who commissions health visiting?` and I answer in the thread.',
  '• Send me a direct message with your question.',
  `• Type \`${SLASH_COMMAND} your question\` for an answer only you see, with a button to share it.`,
  'Add a date or a year to ask about the past or a planned change, e.g. _…in 2017_. ' +
    'If it depends on local arrangements (such as a delegated CCG), say so in the question.',
  `In a DM or a thread, ${escapeMrkdwn(FOLLOW_UP_TIP)}.`,
].join('\n');

function knowledgeLine(summary: KnowledgeSummary): string {
  return (
    `Knowledge updated ${summary.updatedText} · ${summary.topics} topics · ` +
    `${summary.bodies} organisations · ${summary.sources} sources`
  );
}

function exampleBlocks(summary: KnowledgeSummary): Block[] {
  // The same examples as every other help text (src/help.ts chooses them).
  const examples = summary.examples.map((e) => `_${escapeMrkdwn(e)}_`);
  return examples.length > 0 ? [listSection('Try asking', examples)] : [];
}

/** The reply to "help", an empty mention or `/whocommissions help`. */
export function renderHelp(summary: KnowledgeSummary): SlackMessage {
  return {
    text: 'Ask me who commissions a service in the English NHS, on any date.',
    blocks: [section(HOW_TO_ASK), ...exampleBlocks(summary), context(knowledgeLine(summary))],
  };
}

/** The App Home tab: how to ask, examples, and how fresh and how big the knowledge is. */
export function renderHome(summary: KnowledgeSummary): types.HomeView {
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Who commissions what in the English NHS' } },
    section(HOW_TO_ASK),
    ...exampleBlocks(summary),
    { type: 'divider' },
    section(`*About the answers*\n${knowledgeLine(summary)}.`),
  ];
  if (summary.problems.length > 0) {
    // Maintainers open App Home too: tell them an edit was rejected and the last good knowledge is live.
    blocks.push(
      context(
        `:warning: The latest knowledge edit has ${summary.problems.length} problem(s), so the previous version is still in use.`,
      ),
    );
  }
  return { type: 'home', blocks };
}
