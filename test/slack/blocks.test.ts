import { beforeAll, describe, expect, it } from 'vitest';
import { ACTION, decodeValue } from '../../adapters/slack/actions.js';
import { MAX_BLOCKS, MAX_TEXT, renderAnswer } from '../../adapters/slack/blocks.js';
import { createEngine, type Engine } from '../../src/engine.js';
import type { Answer } from '../../src/schemas/answer.js';
import { answer } from '../fixtures/answer.js';
import { buttonsIn, visibleText } from '../stand-ins/slack.js';

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ now: () => new Date('2026-06-01T12:00:00Z') });
});

/** Every mrkdwn or plain_text string anywhere in the blocks. */
function texts(blocks: unknown): string[] {
  const found: string[] = [];
  JSON.stringify(blocks, (key, value) => {
    if (key === 'text' && typeof value === 'string') found.push(value);
    return value;
  });
  return found;
}

describe('renderAnswer', () => {
  it('names the commissioners in the notification text, which the answer text no longer does', () => {
    const hv = engine.ask('who commissions health visiting?', { asOf: '2017-04-01' });
    const message = renderAnswer(hv);
    expect(message.text).toMatch(/^Health visiting[^:]*: Local authority \(council\) commissioned it\. /);
    // A place read names the body itself.
    const leeds = renderAnswer(
      engine.ask('who commissions health visiting in Leeds?', { asOf: '2017-04-01' }),
    );
    expect(visibleText(leeds)).toContain('*Leeds City Council* (Local authority (council)) commissioned it');
  });

  it("names each commissioner in the engine's words, with its condition after one “where”", () => {
    const gp = engine.ask('who held GP contracts?', { asOf: '2016-07-01', topicId: 'gp-contracts' });
    const shown = visibleText(renderAnswer(gp));
    expect(shown).toContain('*NHS England* commissioned it, where greater involvement (level 1)');
    expect(shown).toContain(
      '*Clinical commissioning group (CCG)* commissioned it under delegation from NHS England, ' +
        'where delegated commissioning (level 3)',
    );
    for (const c of gp.commissioners) expect(shown).toContain(`${c.roleText}, where ${c.condition}`);
    expect(shown).not.toMatch(/where where/i);
    expect(shown).toContain('Answer as of *1 July 2016* (the date you chose)');
    expect(shown).toContain('asked: “who held GP contracts?”');
  });

  it('shows the role text, the as-of date and what was read from the question as the Answer has them', () => {
    const shown = visibleText(renderAnswer(answer()));
    expect(shown).toContain(
      '*Clinical commissioning group (CCG)* commissioned it under delegation from NHS England, ' +
        'where fully delegated CCG',
    );
    expect(shown).toContain('*NHS England* stayed accountable in law');
    expect(shown).toContain('Answer as of *1 June 2016* (the date in your question)');
    expect(shown).toContain('Read from your question: fully delegated CCG');
  });

  it('lists what changed and links each source', () => {
    const shown = visibleText(renderAnswer(answer()));
    expect(shown).toContain(
      '*What changed*\\n• From 1 April 2015 it depended on the co-commissioning model.',
    );
    expect(shown).toContain(
      '<https://www.england.nhs.uk/x|Next steps towards primary care co-commissioning>',
    );
  });

  it("labels an answer that is not yet law with the engine's status text", () => {
    const announced = engine.ask('ICBs as strategic commissioners', {
      topicId: 'icb-strategic-commissioner',
    });
    expect(announced.statusText).toBe('Announced by the government, not yet in effect');
    expect(renderAnswer(announced).blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: ':warning: *Announced by the government, not yet in effect*' },
    });
  });

  it('does not label an answer that is in force', () => {
    expect(visibleText(renderAnswer(answer()))).not.toContain(':warning:');
  });

  it('offers one button per clarify option, each carrying the question, the date and the topic', () => {
    const clarify = answer({
      status: 'clarify',
      topic: undefined,
      commissioners: [],
      options: [
        { topicId: 'dental-services', title: 'NHS dental services' },
        { topicId: 'oral-health-promotion', title: 'Oral health promotion' },
      ],
    });
    const buttons = buttonsIn(renderAnswer(clarify).blocks).filter((b) =>
      b.action_id.startsWith(ACTION.clarify),
    );
    expect(buttons.map((b) => b.text.text)).toEqual(['NHS dental services', 'Oral health promotion']);
    expect(new Set(buttons.map((b) => b.action_id)).size).toBe(2);
    expect(decodeValue(buttons[0]?.value)).toEqual({
      q: clarify.question,
      a: '2016-06-01',
      t: 'dental-services',
    });
  });

  it('explains an unknown answer and says where to look instead', () => {
    const unknown = answer({
      status: 'unknown',
      topic: undefined,
      commissioners: [],
      changes: [],
      sources: [],
      text: 'whocommissions only answers questions about NHS commissioning in England.',
      lookInstead: 'NHS England’s “Who commissions NHS services” page.',
    });
    const shown = visibleText(renderAnswer(unknown));
    expect(shown).toContain('only answers questions about NHS commissioning');
    expect(shown).toContain('NHS England’s “Who commissions NHS services” page.');
    expect(shown).not.toContain('Commissioner');
  });

  it.each(['answered', 'clarify', 'unknown'] as const)('puts feedback buttons on an %s answer', (status) => {
    const ids = buttonsIn(renderAnswer(answer({ status })).blocks).map((b) => b.action_id);
    expect(ids).toEqual(expect.arrayContaining([ACTION.helpful, ACTION.notHelpful]));
  });

  it('offers Share in channel only on a private answer that answered', () => {
    const share = (a: Answer, shareable: boolean) =>
      buttonsIn(renderAnswer(a, { shareable }).blocks).some((b) => b.action_id === ACTION.share);
    expect(share(answer(), true)).toBe(true);
    expect(share(answer(), false)).toBe(false);
    expect(share(answer({ status: 'unknown' }), true)).toBe(false);
  });

  it('escapes &, < and > from the question and the knowledge so nothing can ping or link', () => {
    const hostile = answer({
      question: '<!channel> A&E?',
      topic: { id: 't', title: 'A&E <b>' },
      commissioners: [
        { body: 'x', name: '<@U123>', role: 'commissions', roleText: '<!everyone>', condition: '<!here>' },
      ],
      statusText: '<!channel> soon',
      text: 'x > y & <!everyone>',
      changes: ['<https://evil.example|click>'],
      sources: [{ id: 's', title: '<!subteam^S1>', url: 'https://example.org/a|b>c' }],
      lookInstead: '<#C123>',
      conditionsAsked: ['<!channel>'],
    });
    const rendered = renderAnswer(hostile);
    // plain_text is shown as typed and never parsed for mentions or links: only mrkdwn can ping.
    const plain = JSON.stringify(rendered.blocks).match(/"type":"plain_text","text":"[^"]*"/g) ?? [];
    expect(plain).toContain('"type":"plain_text","text":"asked: “<!channel> A&E?”"');
    for (const text of texts(rendered).filter((t) => !t.startsWith('asked: '))) {
      // The only `<…>` left may be the source link the adapter built itself.
      const markup = text.match(/<[^>]*>/g) ?? [];
      expect(markup.every((m) => m.startsWith('<https://example.org/a%7Cb%3Ec|'))).toBe(true);
    }
    expect(visibleText(rendered)).toContain('A&amp;E &lt;b&gt;');
  });

  it('shows a source without a web address, or with a non-web one, as plain text', () => {
    const shown = visibleText(
      renderAnswer(
        answer({
          sources: [
            { id: 'a', title: 'Health and Social Care Act 2012' },
            { id: 'b', title: 'Script', url: 'javascript:alert(1)' },
          ],
        }),
      ),
    );
    expect(shown).toContain('• Health and Social Care Act 2012');
    expect(shown).not.toContain('javascript:');
  });

  it("keeps within Slack's limits: 3,000 characters per text and 50 blocks", () => {
    const huge = answer({
      question: 'q'.repeat(5000),
      text: '&'.repeat(4000),
      changes: Array.from({ length: 200 }, (_, i) => `Change ${i}: ${'<'.repeat(80)}`),
      sources: Array.from({ length: 120 }, (_, i) => ({
        id: `s${i}`,
        title: `Source ${i}`,
        url: `https://x.org/${i}`,
      })),
      commissioners: Array.from({ length: 80 }, (_, i) => ({
        body: `b${i}`,
        name: `Body ${i}`,
        role: 'jointly' as const,
        roleText: 'commissions it jointly',
      })),
    });
    const rendered = renderAnswer(huge, { shareable: true });
    expect(rendered.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    for (const text of texts(rendered.blocks)) expect(text.length).toBeLessThanOrEqual(MAX_TEXT);
    expect(visibleText(rendered)).toMatch(/…and \d+ more/);
    for (const b of buttonsIn(rendered.blocks)) expect(b.value.length).toBeLessThanOrEqual(2000);
    // Clipping never leaves half an entity such as "&am".
    for (const text of texts(rendered.blocks)) expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
  });
});

describe('a two-part answer and its follow-up in Block Kit', () => {
  /** The blocks of each part: a divider starts each one. */
  function partsOf(blocks: unknown[]): string[] {
    const chunks: string[] = [];
    for (const block of blocks) {
      if ((block as { type: string }).type === 'divider') chunks.push('');
      else if (chunks.length > 0) chunks[chunks.length - 1] += `\n${texts(block).join('\n')}`;
    }
    return chunks;
  }
  const timelineOf = (chunk: string) => /\*Who held it over time\*([^*]*)/.exec(chunk)?.[1] ?? '';

  it("shows each part's own timeline, what changed and see also, for the question and for 'and in 2012?'", async () => {
    const first = await engine.turn('health visiting vs school nursing in 2016', {});
    const second = await engine.turn('and in 2012?', { previous: first.recall });
    expect(second.answer.parts?.map((p) => p.asOf)).toEqual(['2012-07-01', '2012-07-01']);
    for (const { answer: a } of [first, second]) {
      const [hv = '', sn = ''] = partsOf(renderAnswer(a).blocks);
      expect(hv).toMatch(/^\*Health visiting/m);
      expect(sn).toMatch(/^\*School nursing/m);
      expect(timelineOf(hv)).toMatch(/NHS England: from 1 April 2013 to 30 September 2015/);
      expect(timelineOf(hv)).toMatch(/Council: from 1 October 2015/);
      // School nursing never passed through NHS England.
      expect(timelineOf(sn)).toMatch(/PCT: until 31 March 2013/);
      expect(timelineOf(sn)).toMatch(/Council: from 1 April 2013/);
      expect(timelineOf(sn)).not.toMatch(/NHS England/);
      expect(sn).not.toMatch(/See also:[^\n]*Health visiting/);
      expect(hv).not.toMatch(/See also:[^\n]*School nursing/);
      // The era held on the date asked is marked, in each part.
      const marked = a.asOf === '2012-07-01' ? /PCT: until 31 March 2013 ◀ 1 July 2012/ : /◀ 1 July 2016/;
      expect(timelineOf(hv)).toMatch(marked);
      expect(timelineOf(sn)).toMatch(marked);
    }
  });

  it('says what a planned change is, by what, and that it needs Parliament, with today marked', () => {
    const chis = renderAnswer(engine.ask('who commissions child health information services?'));
    const shown = texts(chis.blocks).join('\n');
    expect(shown).toMatch(
      /Planned in NHS England's Direct commissioning update \(PRN02352\): to move to the ICB/,
    );
    expect(shown).toMatch(/ICB: from 1 April 2027 \(planned, not yet in effect; needs Parliament\)/);
    expect(shown).toMatch(/NHS England: from 1 April 2013 ◀ today, 1 June 2026/);
    expect(shown).not.toMatch(/where planned/i);
  });
});
