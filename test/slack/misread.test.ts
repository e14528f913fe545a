import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMissDesk } from '../../src/misses/desk.js';
import type { MissStore } from '../../src/misses/store.js';
import { jsonlMisses } from '../../src/stores/jsonl-misses.js';
import { jsonlTickets } from '../../src/stores/jsonl-tickets.js';
import { createTicketDesk } from '../../src/tickets/desk.js';
import { buttonsIn, type Call, mention, visibleText } from '../stand-ins/slack.js';
import { type HttpSlack, startHttpSlack, TODAY } from './harness.js';

// "Not what I asked" through the real Bolt app over HTTP against the Slack stand-in: pressed under an
// answer, the other readings shown to the presser, one chosen and answered, the miss recorded.

let slack: HttpSlack;
let store: MissStore;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wc-slack-misread-'));
  store = await jsonlMisses(dataDir);
  const tickets = createTicketDesk(await jsonlTickets(dataDir));
  slack = await startHttpSlack({
    expertsChannel: 'C0EXPERTS',
    tickets,
    misses: (engine) => createMissDesk(store, engine.ask, { now: () => TODAY }),
  });
});
afterAll(async () => {
  await slack?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const since = (index: number) => (call: Call) => slack.fake.calls.indexOf(call) >= index;
type Button = { action_id: string; value: string; text: { text: string } };

describe('Not what I asked in Slack', () => {
  it('offers the other readings, answers the one chosen, and records the miss', async () => {
    const asked = '1700000500.000001';
    expect(await slack.event('Ev1MISREAD', mention('who commissions dental in prison?', asked))).toBe(200);
    const reply = await slack.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.thread_ts === asked,
    );
    expect(visibleText(reply.body)).toContain('Read as: Healthcare in prisons');
    const press = buttonsIn(reply.body.blocks).find((b) => b.action_id === 'wc_not_what_i_asked') as Button;
    expect(press.text.text).toBe('Not what I asked');

    let mark = slack.fake.calls.length;
    const where = { message: { ts: '1700000500.000500', thread_ts: asked } };
    expect(await slack.click(press, where)).toBe(200);
    const options = await slack.fake.waitFor((c) => c.method === 'response_url' && since(mark)(c));
    expect(options.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(visibleText(options.body)).toContain('I read your question as: *Healthcare in prisons');
    const readings = buttonsIn(options.body.blocks).filter((b) => b.action_id.startsWith('wc_reading_'));
    expect(readings.length).toBeGreaterThanOrEqual(2);
    // None of these? The existing expert flow is offered beside them.
    expect(buttonsIn(options.body.blocks).map((b) => b.action_id)).toContain('wc_ask_expert');
    const dental = readings.find((b) => b.text.text.startsWith('NHS dental services')) as Button;

    mark = slack.fake.calls.length;
    expect(await slack.click(dental, { ...where, ephemeral: true })).toBe(200);
    const answered = await slack.fake.waitFor((c) => c.method === 'response_url' && since(mark)(c));
    expect(answered.body.replace_original).toBe(true);
    const shown = visibleText(answered.body);
    expect(shown).toContain('NHS dental services');
    // The question's conditions are kept, as the clarify flow keeps them.
    expect(shown).toMatch(/Read as: NHS dental services.* · people in prison/);

    const [miss] = await store.list();
    expect(miss).toMatchObject({
      surface: 'slack',
      question: 'who commissions dental in prison?',
      read: expect.stringMatching(/^Healthcare in prisons/),
      chosen: 'dental-services',
    });
    expect(miss?.alternatives.map((a) => a.topicId)).toContain('dental-services');
  });
});
