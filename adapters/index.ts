import type { Adapter } from '../src/adapter.js';
import { webChatAdapter } from './local/adapter.js';
import { slackAdapter } from './slack/adapter.js';
import { teamsAdapter } from './teams/adapter.js';

/**
 * The chat platforms this build ships with, in start-up summary and mounting order: adding one is a
 * folder under adapters/ and a line here. No adapter parses bodies outside its own routes (Slack
 * checks signatures on the raw body), so the order of routes does not matter.
 */
export const ADAPTERS: readonly Adapter[] = [webChatAdapter, slackAdapter, teamsAdapter];
