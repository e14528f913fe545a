import { createLocalSurface } from '../../adapters/local/index.js';
import type { AnswerService } from '../service.js';
import type { Logger, Surface } from '../surface.js';
import type { Config } from './config.js';
import type { Stores } from './stores.js';

/**
 * The surfaces the configuration turns on, in mounting order. Slack and Teams are imported only
 * when configured: their SDKs are large, and a newcomer without tokens should not wait for them.
 */
export async function buildSurfaces(
  config: Config,
  service: AnswerService,
  logger: Logger,
  stores: Pick<Stores, 'dedupe'>,
): Promise<Surface[]> {
  const surfaces: Surface[] = [];
  // Slack first: Bolt checks signatures on the raw body, so its route must come before any JSON parser.
  if (config.slack) {
    const { createSlackSurface } = await import('../../adapters/slack/index.js');
    surfaces.push(createSlackSurface(config.slack, service, logger, { dedupe: stores.dedupe }));
  }
  if (config.teams) {
    const { createTeamsSurface } = await import('../../adapters/teams/index.js');
    surfaces.push(createTeamsSurface(config.teams, service, logger, { dedupe: stores.dedupe }));
  }
  if (config.webChat) surfaces.push(createLocalSurface(service, logger));
  return surfaces;
}
