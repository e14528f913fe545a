import { describe, expect, it } from 'vitest';
import { createSlackSurface } from '../../adapters/slack/index.js';
import { realEngine, recordingLogger } from './harness.js';

describe('Slack settings', () => {
  it('refuse settings that did not come through the server, saying what to set', async () => {
    const { engine, cleanup } = await realEngine();
    expect(() => createSlackSurface({ botToken: 'xoxb-1' }, engine, recordingLogger())).toThrow(
      /also set SLACK_APP_TOKEN \(Socket Mode\) or SLACK_SIGNING_SECRET/,
    );
    expect(() =>
      createSlackSurface({ botToken: 'xoxb-1', appToken: 'xoxb-1' }, engine, recordingLogger()),
    ).toThrow(/SLACK_APP_TOKEN must be an app-level token starting with xapp-/);
    await cleanup();
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
