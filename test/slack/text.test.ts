import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue } from '../../adapters/slack/actions.js';
import { clipMrkdwn, escapeMrkdwn } from '../../adapters/slack/escape.js';
import { questionFromSlack } from '../../adapters/slack/question.js';
import { isHelpRequest } from '../../src/help.js';

describe('questionFromSlack', () => {
  it("drops the bot's own mention and keeps the words", () => {
    expect(questionFromSlack('<@U0BOT> who commissions   dental?', 'U0BOT')).toBe('who commissions dental?');
  });

  it('turns Slack tokens into readable text and decodes entities', () => {
    expect(
      questionFromSlack(
        '<!channel> <@U1|sam> in <#C1|general>: A&amp;E &lt;2015&gt; <https://x.org|the page>',
        'U0BOT',
      ),
    ).toBe('@channel @sam in #general: A&E <2015> the page');
    expect(questionFromSlack('<!here> <@U1> <!subteam^S1|@leads> <https://x.org>', 'U0BOT')).toBe(
      '@here @U1 @leads https://x.org',
    );
  });
});

describe('isHelpRequest', () => {
  it('treats an empty message, "help" and a greeting as asking how to use the bot', () => {
    for (const text of ['', 'help', 'Help!', 'hi', 'Hey', '?', 'examples', 'As of'])
      expect(isHelpRequest(text)).toBe(true);
    expect(isHelpRequest('help with GP contracts')).toBe(false);
    expect(isHelpRequest('as of 2017 who commissions dental?')).toBe(false);
  });
});

describe('escapeMrkdwn and clipMrkdwn', () => {
  it('leave no markup and no broken entity, whatever the text and the limit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 2, max: 500 }), (text, max) => {
        const clipped = clipMrkdwn(escapeMrkdwn(text), max);
        expect(clipped.length).toBeLessThanOrEqual(max);
        expect(clipped).not.toMatch(/[<>]/);
        expect(clipped).not.toMatch(/&(?!amp;|lt;|gt;)/);
      }),
    );
  });

  it('never cuts a link in half', () => {
    expect(clipMrkdwn('see <https://example.org/long|the page>', 20)).toBe('see …');
  });
});

describe('button values', () => {
  it('round-trip, and stay within 2,000 characters however long the question', () => {
    const value = { q: 'who commissions "dental"?', a: '2026-06-01', t: 'dental-services' };
    expect(decodeValue(encodeValue(value))).toEqual(value);
    const long = encodeValue({ q: '"\\'.repeat(3000), a: '2026-06-01' });
    expect(long.length).toBeLessThanOrEqual(2000);
    expect(decodeValue(long)?.a).toBe('2026-06-01');
  });

  it('reject a value the adapter did not make', () => {
    expect(decodeValue('not json')).toBeUndefined();
    expect(decodeValue(JSON.stringify({ q: 'x', a: 'yesterday' }))).toBeUndefined();
    expect(decodeValue(JSON.stringify({ q: 'x', a: '2026-02-30' }))).toBeUndefined();
    expect(decodeValue(JSON.stringify({ q: 'x', a: '2026-06-01', s: 'maybe' }))).toBeUndefined();
  });
});
