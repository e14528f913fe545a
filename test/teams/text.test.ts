import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markdownLink } from '../../adapters/teams/markdown.js';
import { textWithoutBotMention } from '../../adapters/teams/mention.js';

describe('escapeMarkdown', () => {
  it('leaves plain prose alone', () => {
    expect(escapeMarkdown('NHS England (through its regions) commissions it.')).toBe(
      'NHS England (through its regions) commissions it.',
    );
  });

  it('escapes emphasis, links, code and block markers at the start of a line', () => {
    expect(escapeMarkdown('*a* _b_ `c` ~d~ [e](f) \\')).toBe(
      '\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\[e\\](f) \\\\',
    );
    expect(escapeMarkdown('# h\n> q\n- l\n+ l\n12. n')).toBe('\\# h\n\\> q\n\\- l\n\\+ l\n12\\. n');
  });

  it('stops Teams from substituting {{DATE()}} in knowledge text', () => {
    expect(escapeMarkdown('{{DATE(2017-02-14T06:08:39Z)}}')).not.toContain('{{');
  });
});

describe('markdownLink', () => {
  it('links http(s) URLs, keeping parentheses in the target from ending it', () => {
    expect(markdownLink('Guide', 'https://example.org/a_(b)')).toBe('[Guide](https://example.org/a_%28b%29)');
  });

  it('leaves other schemes and missing URLs as plain text', () => {
    expect(markdownLink('x', 'javascript:alert(1)')).toBe('x');
    expect(markdownLink('x', undefined)).toBe('x');
  });
});

describe('textWithoutBotMention', () => {
  const bot = { id: '28:bot', name: 'Who commissions' };
  const activity = {
    text: '<at>Who commissions</at>&nbsp;who commissions <at>Sam</at>\u00a0health visiting?\n',
    recipient: bot,
    entities: [
      { type: 'mention', mentioned: bot, text: '<at>Who commissions</at>' },
      { type: 'mention', mentioned: { id: '29:sam', name: 'Sam' }, text: '<at>Sam</at>' },
    ],
  };

  it("removes only the bot's own mention and tidies the spaces", () => {
    expect(textWithoutBotMention(activity)).toBe('who commissions <at>Sam</at> health visiting?');
  });

  it('does not change the activity', () => {
    const before = structuredClone(activity);
    textWithoutBotMention(activity);
    expect(activity).toEqual(before);
  });

  it('gives the empty string for a bare mention', () => {
    expect(textWithoutBotMention({ ...activity, text: '<at>Who commissions</at> ' })).toBe('');
  });
});
