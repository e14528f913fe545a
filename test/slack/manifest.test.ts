import { readFile } from 'node:fs/promises';
import type { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLASH_COMMAND } from '../../adapters/slack/home.js';

type Manifest = webApi.AppsManifestCreateArguments['manifest'];
type BotScopes = NonNullable<NonNullable<NonNullable<Manifest['oauth_config']>['scopes']>['bot']>;
type BotEvents = NonNullable<
  NonNullable<NonNullable<Manifest['settings']>['event_subscriptions']>['bot_events']
>;

// Typed against Slack's own manifest type, so a misspelt scope or event fails type-checking.
// channels:history, groups:history and message.channels / message.groups: replies in the experts' channel;
// channels:read, groups:read: who is in it (conversations.members), as only they may answer or close.
const SCOPES: BotScopes = [
  'app_mentions:read',
  'channels:history',
  'channels:read',
  'chat:write',
  'commands',
  'groups:history',
  'groups:read',
  'im:history',
];
const EVENTS: BotEvents = [
  'app_home_opened',
  'app_mention',
  'message.channels',
  'message.groups',
  'message.im',
];

const manifest = parse(
  await readFile(new URL('../../adapters/slack/manifest.yaml', import.meta.url), 'utf8'),
);

describe('the Slack app manifest', () => {
  it('subscribes to exactly the events the app handles', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(EVENTS);
  });

  it('asks for the least scopes those events and replies need', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(SCOPES);
  });

  it('declares the slash command the app listens for, with Socket Mode and interactivity on', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([
      SLASH_COMMAND,
    ]);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('has a bot user, a Home tab and a Messages tab people can write in', () => {
    expect(manifest.features.bot_user.display_name).toBe('whocommissions');
    expect(manifest.features.app_home).toMatchObject({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
  });
});
