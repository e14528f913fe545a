import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../adapters/index.js';
import { type Config, parseConfig } from '../../src/server/config.js';
import { startupSummary } from '../../src/server/summary.js';

const GUID = '6f1c9f4e-3b2a-4c1d-9e8f-0a1b2c3d4e5f';
const TENANT = '0a1b2c3d-4e5f-4a1b-8c2d-3e4f5a6b7c8d';

function config(env: Record<string, string>): Config {
  const result = parseConfig(env, ADAPTERS);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.config;
}

function errors(env: Record<string, string>): string[] {
  const result = parseConfig(env, ADAPTERS);
  if (result.ok) throw new Error(`expected ${JSON.stringify(env)} to be refused`);
  return result.errors;
}

describe('configuration from the environment', () => {
  it('with no settings at all runs the web chat only, on 127.0.0.1:3978, with ./data', () => {
    const c = config({});
    expect(c).toMatchObject({ port: 3978, host: '127.0.0.1', logLevel: 'info' });
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.knowledgeDir).toBeUndefined();
    expect(c.settings.slack).toBeUndefined();
    expect(c.settings.teams).toBeUndefined();
  });

  it('runs the web chat unless WEB_CHAT=false, and reads REDIS_URL and DATABASE_URL only when set', () => {
    expect(config({})).toMatchObject({ redisUrl: undefined, databaseUrl: undefined });
    expect(config({}).settings['web chat']).toBe(true);
    expect(config({ WEB_CHAT: 'false' }).settings['web chat']).toBeUndefined();
    expect(
      config({ REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgres://u:p@db:5432/wc' }),
    ).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379', databaseUrl: 'postgres://u:p@db:5432/wc' });
    expect(errors({ REDIS_URL: 'localhost:6379' })).toEqual([
      expect.stringMatching(/^REDIS_URL must be a URL starting redis:\/\/ or rediss:\/\//),
    ]);
    expect(errors({ DATABASE_URL: 'mysql://db/wc' })).toEqual([
      expect.stringMatching(/^DATABASE_URL must be a URL starting postgres:\/\/ or postgresql:\/\//),
    ]);
  });

  it('drains for 10 s after SIGTERM unless DRAIN_SECONDS says otherwise', () => {
    expect(config({}).drainMs).toBe(10_000);
    expect(config({ DRAIN_SECONDS: '2.5' }).drainMs).toBe(2500);
    expect(config({ DRAIN_SECONDS: '0' }).drainMs).toBe(0);
    expect(errors({ DRAIN_SECONDS: 'soon' })).toEqual([expect.stringMatching(/^DRAIN_SECONDS must be/)]);
  });

  it('treats empty variables, as a .env file leaves them, as unset', () => {
    const c = config({ SLACK_BOT_TOKEN: '', MicrosoftAppId: ' ', PORT: '', HOST: '' });
    expect(c).toMatchObject({ port: 3978, host: '127.0.0.1' });
    expect(c.settings).toMatchObject({ slack: undefined, teams: undefined });
  });

  it('turns Slack on in Socket Mode with a bot token and an app token', () => {
    expect(config({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).settings.slack).toEqual({
      botToken: 'xoxb-1',
      appToken: 'xapp-1',
      signingSecret: undefined,
      apiUrl: undefined,
    });
  });

  it('turns Teams on with an app id, password and type', () => {
    expect(
      config({
        MicrosoftAppId: GUID,
        MicrosoftAppPassword: 'secret',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: TENANT,
      }).settings.teams,
    ).toEqual({
      appId: GUID,
      appPassword: 'secret',
      tenantId: TENANT,
      appType: 'SingleTenant',
      allowUnauthenticated: false,
    });
  });

  it('turns Teams on without authentication only when asked, for the emulator, with true or 1', () => {
    for (const value of ['true', '1']) {
      expect(config({ TEAMS_ALLOW_UNAUTHENTICATED: value }).settings.teams).toEqual({
        appId: '',
        appPassword: '',
        appType: 'MultiTenant',
        allowUnauthenticated: true,
      });
    }
    expect(config({ TEAMS_ALLOW_UNAUTHENTICATED: '0' }).settings.teams).toBeUndefined();
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    ['a port that is not a number', { PORT: 'http' }, /^PORT must be a whole number between 0 and 65535/],
    ['a port out of range', { PORT: '70000' }, /^PORT must be a whole number/],
    [
      'an unknown log level',
      { LOG_LEVEL: 'loud' },
      /^LOG_LEVEL must be one of fatal, error, warn, info, debug/,
    ],
    [
      'a knowledge folder that does not exist',
      { KNOWLEDGE_DIR: '/no/such/folder' },
      /^KNOWLEDGE_DIR is not a folder/,
    ],
    [
      'a user token where the bot token goes',
      { SLACK_BOT_TOKEN: 'xoxp-1', SLACK_APP_TOKEN: 'xapp-1' },
      /^SLACK_BOT_TOKEN must be a bot token starting with xoxb-/,
    ],
    [
      'a bot token where the app token goes',
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' },
      /^SLACK_APP_TOKEN must be an app-level token starting with xapp-/,
    ],
    [
      'a bot token with no way for Slack to reach the bot',
      { SLACK_BOT_TOKEN: 'xoxb-1' },
      /^SLACK_BOT_TOKEN is set but Slack cannot reach the bot: also set SLACK_APP_TOKEN/,
    ],
    [
      'an app token without a bot token',
      { SLACK_APP_TOKEN: 'xapp-1' },
      /^SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not/,
    ],
    [
      'a signing secret without a bot token',
      { SLACK_SIGNING_SECRET: 's' },
      /^SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not/,
    ],
    [
      'a Slack API URL that is not a URL',
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'slack' },
      /^SLACK_API_URL must be a full URL/,
    ],
    [
      'an app id that is not a GUID',
      { MicrosoftAppId: 'my-bot', MicrosoftAppPassword: 'p' },
      /^MicrosoftAppId must be the bot’s Application \(client\) ID, a GUID/,
    ],
    [
      'an app id without its password',
      { MicrosoftAppId: GUID },
      /^MicrosoftAppId is set but MicrosoftAppPassword is not/,
    ],
    [
      'a password without an app id',
      { MicrosoftAppPassword: 'p' },
      /^MicrosoftAppPassword is set but MicrosoftAppId is not/,
    ],
    [
      'an unknown app type',
      { MicrosoftAppType: 'Multi' },
      /^MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI/,
    ],
    [
      'a single-tenant bot without its tenant',
      { MicrosoftAppId: GUID, MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' },
      /^MicrosoftAppType=SingleTenant needs MicrosoftAppTenantId/,
    ],
    [
      'a managed identity with a password',
      {
        MicrosoftAppId: GUID,
        MicrosoftAppPassword: 'p',
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppTenantId: TENANT,
      },
      /^MicrosoftAppType=UserAssignedMSI signs in with a managed identity: unset MicrosoftAppPassword/,
    ],
    [
      'a tenant id that is not a GUID',
      { MicrosoftAppTenantId: 'contoso' },
      /^MicrosoftAppTenantId must be your Directory \(tenant\) ID/,
    ],
    [
      'an unauthenticated flag that is not true or false',
      { TEAMS_ALLOW_UNAUTHENTICATED: 'yes' },
      /^TEAMS_ALLOW_UNAUTHENTICATED must be true or false/,
    ],
    [
      'no authentication together with an app id',
      { TEAMS_ALLOW_UNAUTHENTICATED: 'true', MicrosoftAppId: GUID, MicrosoftAppPassword: 'p' },
      /^TEAMS_ALLOW_UNAUTHENTICATED=true turns authentication off/,
    ],
    [
      'no authentication on a public interface',
      { TEAMS_ALLOW_UNAUTHENTICATED: 'true', HOST: '0.0.0.0' },
      /^TEAMS_ALLOW_UNAUTHENTICATED=true would accept anyone's messages on 0\.0\.0\.0/,
    ],
  ];
  it.each(bad)('refuses %s, naming the variable and the fix', (_what, env, message) => {
    const found = errors(env);
    expect(
      found.some((error) => message.test(error)),
      found.join('\n'),
    ).toBe(true);
  });

  it('reports every bad setting at once, not one per start', () => {
    expect(errors({ PORT: 'x', LOG_LEVEL: 'loud', SLACK_BOT_TOKEN: 'nope' })).toHaveLength(3);
  });
});

describe('the start-up summary', () => {
  it('says in plain words that Slack and Teams are off and how to turn them on', () => {
    const lines = startupSummary(config({}), 'http://127.0.0.1:3978');
    expect(lines).toContain('Web chat: on at http://127.0.0.1:3978/ (no credentials needed)');
    expect(lines).toContain('Slack: off — set SLACK_BOT_TOKEN and SLACK_APP_TOKEN to turn it on');
    expect(lines.find((line) => line.startsWith('Teams: off'))).toMatch(
      /set MicrosoftAppId and MicrosoftAppPassword/,
    );
    expect(lines).toContain(
      "Maintainers' page: http://127.0.0.1:3978/maintainers (this machine only; set MAINTAINERS_TOKEN to open it from elsewhere)",
    );
  });

  it('names the experts channels when Ask an expert is on, and refuses a short MAINTAINERS_TOKEN', () => {
    const lines = startupSummary(
      config({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_APP_TOKEN: 'xapp-1',
        SLACK_EXPERTS_CHANNEL: 'C0EXPERTS',
        TEAMS_ALLOW_UNAUTHENTICATED: 'true',
        TEAMS_EXPERTS_CONVERSATION: '19:experts@thread.tacv2',
        MAINTAINERS_TOKEN: 'a-long-enough-token-1234',
      }),
      'http://127.0.0.1:3978',
    );
    expect(lines.join('\n')).toContain('tickets go to channel C0EXPERTS (SLACK_EXPERTS_CHANNEL)');
    expect(lines.join('\n')).toContain('tickets go to Teams channel 19:experts@thread.tacv2');
    expect(lines.join('\n')).toContain('sign in with MAINTAINERS_TOKEN, from this machine too');
    expect(errors({ MAINTAINERS_TOKEN: 'short' })).toEqual([
      expect.stringContaining('MAINTAINERS_TOKEN must be at least 16'),
    ]);
    expect(
      errors({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_EXPERTS_CHANNEL: '#experts' }),
    ).toEqual([expect.stringContaining('SLACK_EXPERTS_CHANNEL must be a channel ID')]);
    expect(errors({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', TEAMS_EXPERTS_CONVERSATION: 'experts' })).toEqual([
      expect.stringContaining('TEAMS_EXPERTS_CONVERSATION must be a channel id starting 19:'),
    ]);
  });

  it('says which Slack mode is on and warns when listening beyond this machine', () => {
    const lines = startupSummary(
      config({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', HOST: '0.0.0.0' }),
      'http://0.0.0.0:3978',
    );
    expect(lines).toContain('Slack: on, events at http://0.0.0.0:3978/slack/events (SLACK_SIGNING_SECRET)');
    expect(lines.join('\n')).toMatch(/anyone who can reach this machine can use the web chat/);
  });
});
