import { describe, expect, it } from 'vitest';
import { CachingBotFrameworkAuthentication, MAX_CACHED_CLIENTS } from '../../adapters/teams/clients.js';
import { personalMessage } from './activities.js';

// Authentication off (no app id), as with TEAMS_ALLOW_UNAUTHENTICATED: every request is accepted.
const auth = () =>
  new CachingBotFrameworkAuthentication({
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    MicrosoftAppType: 'MultiTenant',
  });

const A = 'http://127.0.0.1:9/a/';
const B = 'http://127.0.0.1:9/b/';

describe("botbuilder's clients, kept between turns", () => {
  it('gives the same connector client for the same service URL and audience, turn after turn', async () => {
    const authentication = auth();
    const first = await authentication.authenticateRequest(personalMessage(A, 'hi') as never, '');
    const second = await authentication.authenticateRequest(personalMessage(A, 'hi') as never, '');
    const one = await first.connectorFactory?.create(A, first.audience);
    const two = await second.connectorFactory?.create(A, second.audience);
    expect(one).toBeDefined();
    expect(two).toBe(one);
    // The client still talks to the URL it was made for.
    expect((one as unknown as { baseUri?: string }).baseUri).toBe(A);
  });

  it('makes another for another service URL or audience', async () => {
    const authentication = auth();
    const result = await authentication.authenticateRequest(personalMessage(A, 'hi') as never, '');
    const a = await result.connectorFactory?.create(A, result.audience);
    const b = await result.connectorFactory?.create(B, result.audience);
    const other = await result.connectorFactory?.create(A, 'https://api.botframework.us');
    expect(b).not.toBe(a);
    expect(other).not.toBe(a);
    expect((b as unknown as { baseUri?: string }).baseUri).toBe(B);
  });

  it('keeps proactive factories (createConnectorFactory) and user token clients too', async () => {
    const authentication = auth();
    const result = await authentication.authenticateRequest(personalMessage(A, 'hi') as never, '');
    const fromTurn = await result.connectorFactory?.create(A, result.audience);
    const proactive = await authentication
      .createConnectorFactory(result.claimsIdentity)
      .create(A, result.audience);
    expect(proactive).toBe(fromTurn);
    const tokens = await authentication.createUserTokenClient(result.claimsIdentity);
    expect(await authentication.createUserTokenClient(result.claimsIdentity)).toBe(tokens);
  });

  it('keeps a bounded number, dropping the oldest', async () => {
    const authentication = auth();
    const result = await authentication.authenticateRequest(personalMessage(A, 'hi') as never, '');
    const factory = result.connectorFactory;
    const first = await factory?.create(`${A}0/`, result.audience);
    for (let i = 1; i <= MAX_CACHED_CLIENTS; i++) await factory?.create(`${A}${i}/`, result.audience);
    expect(await factory?.create(`${A}${MAX_CACHED_CLIENTS}/`, result.audience)).toBeDefined();
    expect(await factory?.create(`${A}0/`, result.audience)).not.toBe(first);
  });
});
