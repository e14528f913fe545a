import { describe, expect, it } from 'vitest';
import { createSlackSurface, slackConfigFromEnv } from '../../adapters/slack/index.js';
import { realEngine, recordingLogger } from './harness.js';

describe('Slack settings', () => {
  it('leave Slack off when there is no bot token', () => {
    expect(slackConfigFromEnv({})).toBeUndefined();
  });

  it('choose Socket Mode when an app token is set, and HTTP mode with only a signing secret', () => {
    expect(
      slackConfigFromEnv({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_APP_TOKEN: 'xapp-1',
        SLACK_API_URL: 'http://x/api',
      }),
    ).toEqual({
      botToken: 'xoxb-1',
      appToken: 'xapp-1',
      apiUrl: 'http://x/api',
    });
    expect(slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' })).toEqual({
      botToken: 'xoxb-1',
      signingSecret: 's',
    });
  });

  it('say what to set when a bot token comes without an app token or a signing secret', () => {
    expect(() => slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(
      /SLACK_APP_TOKEN .* or SLACK_SIGNING_SECRET/,
    );
  });

  it('catch tokens pasted into the wrong variable', () => {
    expect(() => slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xapp-1', SLACK_APP_TOKEN: 'xapp-1' })).toThrow(
      /starting xoxb-/,
    );
    expect(() => slackConfigFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-1' })).toThrow(
      /starting xapp-/,
    );
  });

  it('make a surface named slack in the mode the settings choose', async () => {
    const { engine, cleanup } = await realEngine();
    const logger = recordingLogger();
    const http = createSlackSurface({ botToken: 'xoxb-1', signingSecret: 's' }, engine, logger);
    const socket = createSlackSurface({ botToken: 'xoxb-1', appToken: 'xapp-1' }, engine, logger);
    expect([http.name, http.mode, socket.mode]).toEqual(['slack', 'http', 'socket']);
    await cleanup();
  });
});
