import { redacted } from '../stores/redacted.js';
import { type Config, serverFacts } from './config.js';

/** What is on and what is missing, in plain words, for the person who just ran `npm start`. */
export function startupSummary(config: Config, url: string): string[] {
  const facts = serverFacts(config);
  const lines = config.adapters.flatMap((adapter) =>
    adapter.summary(config.settings[adapter.name] as never, url, facts),
  );

  lines.push(`Knowledge: ${config.knowledgeDir ?? 'knowledge/'} (edits are picked up live)`);
  lines.push(
    config.databaseUrl
      ? `Questions the bot could not answer, feedback and expert tickets go to PostgreSQL (${redacted(config.databaseUrl)}); run npm run report with the same DATABASE_URL to read them`
      : `Questions the bot could not answer, feedback and expert tickets go to ${config.dataDir}; run npm run report to read them`,
  );
  lines.push(
    config.maintainersToken
      ? `Maintainers' page: ${url}/maintainers (sign in with MAINTAINERS_TOKEN, from this machine too)`
      : `Maintainers' page: ${url}/maintainers (this machine only; set MAINTAINERS_TOKEN to open it from elsewhere)`,
  );
  if (config.redisUrl) {
    lines.push(
      `Redeliveries are recognised, and follow-up questions read, across every copy through Redis (${redacted(config.redisUrl)})`,
    );
  }
  return lines;
}
