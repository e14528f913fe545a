import { describe, expect, it } from 'vitest';
import { personalMessage } from './activities.js';
import { postActivity, useTeamsBot } from './bot-server.js';

describe('the Teams endpoint with MicrosoftAppId set', () => {
  const teams = useTeamsBot({
    config: {
      appId: '0f4c4c2e-6f1a-4b7e-9a51-3c2b1d0e9f8a',
      appPassword: 'not-a-real-secret',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      appType: 'SingleTenant',
      allowUnauthenticated: false,
    },
  });

  it('turns away a request without a Bot Framework token with 401 and sends no reply', async () => {
    const response = await postActivity(
      teams.url,
      personalMessage(teams.connector.serviceUrl, 'who commissions health visiting'),
    );
    expect(response.status).toBe(401);
    expect(teams.connector.calls).toEqual([]);
  });

  it('turns away a request whose Authorization header is not a bearer token with 401', async () => {
    const response = await postActivity(teams.url, personalMessage(teams.connector.serviceUrl, 'help'), {
      authorization: 'Basic dXNlcjpwYXNz',
    });
    expect(response.status).toBe(401);
    expect(teams.connector.calls).toEqual([]);
  });

  it('turns away a token-less request with 401 before looking at its body, however bad the body is', async () => {
    for (const [body, type] of [
      ['{"type": "message", "text": ', 'application/json'],
      ['hello', 'text/plain'],
      ['{}', 'application/json'],
      [JSON.stringify({ text: 'x'.repeat(2 * 1024 * 1024) }), 'application/json'],
    ] as const) {
      const response = await fetch(teams.url, { method: 'POST', headers: { 'content-type': type }, body });
      expect(response.status, `${type} ${body.slice(0, 30)}`).toBe(401);
      expect(await response.json()).toMatchObject({ error: expect.stringMatching(/Bearer/) });
    }
    expect(teams.connector.calls).toEqual([]);
  });
});
