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

  it("removes only the bot's own mention, gives other people's as their names, and tidies the spaces", () => {
    expect(textWithoutBotMention(activity)).toBe('who commissions Sam health visiting?');
  });

  it("finds the bot's mention by id and position when the entity's text differs from the message's", () => {
    // Microsoft's channel example: "<at>@Name</at>" in the entity, "<at>Name</at>" in the text.
    const documented = {
      text: 'Hey <at>Who commissions</at> who commissions health visiting? cc <at>Sam Lee</at>',
      recipient: bot,
      entities: [
        { type: 'mention', mentioned: bot, text: '<at>@Who commissions</at>' },
        { type: 'mention', mentioned: { id: '29:sam', name: 'Sam Lee' }, text: '<at>@Sam Lee</at>' },
        { type: 'clientInfo', locale: 'en-GB' },
      ],
    };
    expect(textWithoutBotMention(documented)).toBe('Hey who commissions health visiting? cc Sam Lee');
  });

  it('tells the bot from a person of the same name by id, and falls back to its name if tags and entities disagree', () => {
    const namesake = {
      text: '<at>Who commissions</at> <at>Who commissions</at> dental',
      recipient: bot,
      entities: [
        { type: 'mention', mentioned: { id: '29:namesake', name: 'Who commissions' }, text: '' },
        { type: 'mention', mentioned: bot, text: '<at>@Who commissions</at>' },
      ],
    };
    expect(textWithoutBotMention(namesake)).toBe('Who commissions dental');
    const noEntities = { text: '<at>@Who commissions</at> dental', recipient: bot, entities: [] };
    expect(textWithoutBotMention(noEntities)).toBe('Who commissions dental');
    const missingOne = {
      text: '<at>Who commissions</at> dental <at>Sam</at>',
      recipient: bot,
      entities: [{ type: 'mention', mentioned: bot, text: '<at>@Who commissions</at>' }],
    };
    expect(textWithoutBotMention(missingOne)).toBe('dental Sam');
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
