/**
 * Messages that ask how to use the bot rather than ask a question: nothing at all, "help", a
 * greeting, or one of the commands the Teams manifest lists ("examples", "as of").
 */
const HELP_WORDS = new Set([
  '',
  '?',
  'help',
  'hi',
  'hello',
  'hey',
  'start',
  'usage',
  'example',
  'examples',
  'as of',
]);

/**
 * Whether a message (with any bot mention already removed) should get the how-to-ask reply instead
 * of an answer. One rule for every surface, so "hey" gets the same reply in Slack and Teams.
 */
export function isHelpRequest(text: string): boolean {
  return HELP_WORDS.has(
    text
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[!.]+$/, '')
      .trim(),
  );
}

/** How many knowledge examples a help text shows: the welcome, help and App Home texts alike. */
export const EXAMPLES_SHOWN = 6;

/**
 * The examples every help text shows, in the knowledge's order (knowledge/scope.yaml `examples`):
 * one list, so Slack, Teams, the web chat and the CLI offer the same questions. A test checks the
 * resolver answers each.
 */
export function examplesToShow(examples: readonly string[]): string[] {
  return examples.slice(0, EXAMPLES_SHOWN);
}

/** The one line every help text uses to say follow-ups work. */
export const FOLLOW_UP_TIP =
  'a follow-up such as "and in 2016?" or "what about dental?" is read against the question before it';
