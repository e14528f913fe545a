import { describe, expect, it } from 'vitest';
import { activityProblem } from '../../adapters/teams/request.js';
import { personalMessage } from './activities.js';
import { postActivity, useTeamsBot } from './bot-server.js';

const MB = 1024 * 1024;

describe('the Teams endpoint given bad input', () => {
  const teams = useTeamsBot();

  async function post(body: string, contentType?: string) {
    const response = await fetch(teams.url, {
      method: 'POST',
      headers: contentType ? { 'content-type': contentType } : {},
      body,
    });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type') ?? '', text };
  }

  /** The status, a JSON body with an error message matching `says`, no reply sent and nothing logged as an error. */
  function expectRefused(res: Awaited<ReturnType<typeof post>>, status: number, says: RegExp) {
    expect(res.status, res.text.slice(0, 300)).toBe(status);
    expect(res.type).toMatch(/^application\/json/);
    expect((JSON.parse(res.text) as { error: string }).error).toMatch(says);
    expect(teams.connector.calls).toEqual([]);
    expect(teams.logger.errors).toEqual([]);
  }

  async function expectStillAnswering() {
    const response = await postActivity(teams.url, personalMessage(teams.connector.serviceUrl, 'help'));
    expect(response.status, await response.text()).toBe(200);
    expect(teams.connector.calls.length).toBeGreaterThan(0);
  }

  it('refuses a body over 1 MB with 413, and still answers the next message', async () => {
    const huge = personalMessage(teams.connector.serviceUrl, 'x'.repeat(2 * MB));
    expectRefused(await post(JSON.stringify(huge), 'application/json'), 413, /larger than 1mb/i);
    await expectStillAnswering();
  });

  it('refuses malformed JSON with 400 saying it is not valid JSON, and still answers the next message', async () => {
    expectRefused(await post('{"type": "message", "text": ', 'application/json'), 400, /not valid JSON/);
    await expectStillAnswering();
  });

  it('refuses a body that is not declared as JSON with 415 naming the content type to use', async () => {
    expectRefused(await post('hello', 'text/plain'), 415, /text\/plain.*application\/json/);
    expectRefused(await post('type=message', 'application/x-www-form-urlencoded'), 415, /application\/json/);
    expectRefused(await post('hello'), 415, /application\/json/);
    await expectStillAnswering();
  });

  it('refuses JSON that is not an activity with 400 naming what is missing', async () => {
    expectRefused(await post('{}', 'application/json'), 400, /type.*conversation\.id/);
    expectRefused(await post('[]', 'application/json'), 400, /array/);
    const noConversation = { ...personalMessage(teams.connector.serviceUrl, 'hi'), conversation: undefined };
    expectRefused(await post(JSON.stringify(noConversation), 'application/json'), 400, /conversation\.id/);
    expectRefused(await post('{"type": "message"}', 'application/json'), 400, /serviceUrl/);
    await expectStillAnswering();
  });

  it('accepts an activity sent with a charset in its content type', async () => {
    const response = await fetch(teams.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(personalMessage(teams.connector.serviceUrl, 'help')),
    });
    expect(response.status, await response.text()).toBe(200);
    expect(teams.connector.calls).toHaveLength(1);
  });
});

describe('activityProblem', () => {
  it('accepts an activity as the Teams channel sends it, whatever extra fields it carries', () => {
    expect(
      activityProblem({ ...personalMessage('https://smba.example/', 'hi'), newField: 1 }),
    ).toBeUndefined();
  });

  it('names every missing field, and says what to send instead', () => {
    const problem = activityProblem({ type: 'message' });
    expect(problem).toMatch(/channelId, serviceUrl, conversation\.id/);
    expect(problem).toMatch(/POST a Bot Framework activity as a JSON object/);
  });

  it('says what a body that is not an object is', () => {
    expect(activityProblem(null)).toMatch(/JSON null/);
    expect(activityProblem('text')).toMatch(/JSON string/);
  });
});
