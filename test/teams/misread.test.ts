import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine.js';
import { withFollowUps } from '../../src/followups.js';
import { createMissDesk } from '../../src/misses/desk.js';
import type { MissStore } from '../../src/misses/store.js';
import { jsonlMisses } from '../../src/stores/jsonl-misses.js';
import { jsonlTickets } from '../../src/stores/jsonl-tickets.js';
import { memoryRecall } from '../../src/stores/recall.js';
import { createTicketDesk } from '../../src/tickets/desk.js';
import { type ConnectorStandIn, startConnectorStandIn } from '../stand-ins/connector.js';
import { cardSubmit, personalMessage } from './activities.js';
import { cardProblems } from './adaptive-cards.js';
import { NOW, postActivity, recordingLogger, startBotServer, UNAUTHENTICATED } from './bot-server.js';
import { cardOf, cardText, submitActions } from './cards.js';

// "Not what I asked" through the real botbuilder CloudAdapter over HTTP against the connector
// stand-in: pressed on an answer card, the other readings sent as a card, one chosen and answered in
// place of that card, the miss recorded.

let connector: ConnectorStandIn;
let engine: Engine;
let store: MissStore;
let dataDir: string;
let bot: { url: string; close(): Promise<void> };
const logger = recordingLogger();

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wc-teams-misread-'));
  store = await jsonlMisses(dataDir);
  engine = await createEngine({ now: () => NOW });
  connector = await startConnectorStandIn();
  const config = {
    ...UNAUTHENTICATED,
    expertsConversation: '19:experts@thread.tacv2',
    expertsServiceUrl: connector.serviceUrl,
  };
  bot = await startBotServer(config, withFollowUps(engine, memoryRecall()), logger, {
    tickets: createTicketDesk(await jsonlTickets(dataDir)),
    misses: createMissDesk(store, engine.ask, { now: () => NOW }),
  });
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function deliver(activity: { id: string }) {
  const response = await postActivity(bot.url, activity);
  await response.arrayBuffer();
  expect(response.status).toBe(200);
}

describe('Not what I asked in Teams', () => {
  it('offers the other readings, answers the one chosen in place, and records the miss', async () => {
    const question = personalMessage(connector.serviceUrl, 'who commissions dental in prison?');
    await deliver(question);
    const answerCard = cardOf(await connector.waitForReplyTo(question.id));
    expect(cardText(answerCard)).toContain('Read as: Healthcare in prisons');
    const press = submitActions(answerCard).find((a) => a.title === 'Not what I asked');
    expect(press?.data).toMatchObject({ action: 'misread', question: 'who commissions dental in prison?' });

    const click = cardSubmit(connector.serviceUrl, press?.data, 'bot-answer-1');
    await deliver(click);
    const readingsCard = cardOf(await connector.waitForReplyTo(click.id));
    expect(cardText(readingsCard)).toContain('I read your question as: **Healthcare in prisons');
    // Both cards as Microsoft's renderer reads them under Teams' host config.
    expect(cardProblems(answerCard)).toEqual([]);
    expect(cardProblems(readingsCard)).toEqual([]);
    const readings = submitActions(readingsCard).filter((a) => a.data.action === 'misread-choice');
    expect(readings.length).toBeGreaterThanOrEqual(2);
    // None of these? The existing expert flow is offered on the same card.
    expect(JSON.stringify(readingsCard.actions)).toContain('"title":"Ask an expert"');
    const dental = readings.find((a) => a.title.startsWith('NHS dental services'));

    const choose = cardSubmit(connector.serviceUrl, dental?.data, 'bot-readings-1');
    await deliver(choose);
    // Answered as a clarify option is: the card it was chosen on becomes the answer.
    const update = await connector.waitFor((c) => c.method === 'PUT' && c.activityId === 'bot-readings-1');
    const answered = cardText(cardOf(update));
    expect(answered).toContain('NHS dental services');
    expect(answered).toMatch(/Read as: NHS dental services.* · people in prison/);

    const [miss] = await store.list();
    expect(miss).toMatchObject({
      surface: 'teams',
      question: 'who commissions dental in prison?',
      read: expect.stringMatching(/^Healthcare in prisons/),
      chosen: 'dental-services',
    });
    expect(logger.errors).toEqual([]);
  });
});
