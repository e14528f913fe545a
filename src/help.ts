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
