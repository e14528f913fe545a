import { redacted } from '../stores/redacted.js';
import { type Config, isLoopback } from './config.js';

/** What is on and what is missing, in plain words, for the person who just ran `npm start`. */
export function startupSummary(config: Config, url: string): string[] {
  const lines = [
    config.webChat
      ? `Web chat: on at ${url}/ (no credentials needed)`
      : `Web chat: off (WEB_CHAT=false); health checks at ${url}/healthz and ${url}/readyz`,
  ];
  if (config.webChat && !isLoopback(config.host)) {
    lines.push(
      `  Listening on ${config.host}: anyone who can reach this machine can use the web chat. Set HOST=127.0.0.1 to keep it local.`,
    );
  }

  if (!config.slack) {
    lines.push('Slack: off — set SLACK_BOT_TOKEN and SLACK_APP_TOKEN to turn it on');
  } else if (config.slack.appToken) {
    lines.push('Slack: on, Socket Mode (SLACK_APP_TOKEN); no public URL needed');
  } else {
    lines.push(`Slack: on, events at ${url}/slack/events (SLACK_SIGNING_SECRET)`);
  }

  if (!config.teams) {
    lines.push(
      'Teams: off — set MicrosoftAppId and MicrosoftAppPassword to turn it on (or TEAMS_ALLOW_UNAUTHENTICATED=true for the Bot Framework Emulator)',
    );
  } else if (config.teams.allowUnauthenticated) {
    lines.push(`Teams: on at ${url}/api/messages WITHOUT authentication (TEAMS_ALLOW_UNAUTHENTICATED=true)`);
  } else {
    lines.push(`Teams: on at ${url}/api/messages (${config.teams.appType}, app ${config.teams.appId})`);
  }

  lines.push(`Knowledge: ${config.knowledgeDir ?? 'knowledge/'} (edits are picked up live)`);
  lines.push(
    config.databaseUrl
      ? `Questions the bot could not answer and feedback go to PostgreSQL (${redacted(config.databaseUrl)}); run npm run report with the same DATABASE_URL to read them`
      : `Questions the bot could not answer and feedback go to ${config.dataDir}; run npm run report to read them`,
  );
  if (config.redisUrl) {
    lines.push(`Redeliveries are recognised across every copy through Redis (${redacted(config.redisUrl)})`);
  }
  return lines;
}
