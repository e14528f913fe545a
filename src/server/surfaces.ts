import { type TurnService, withFollowUps } from '../followups.js';
import { createMissDesk } from '../misses/desk.js';
import type { Logger, Surface } from '../surface.js';
import type { TicketDesk } from '../tickets/desk.js';
import type { Config } from './config.js';
import { isMaintainer } from './maintainers/access.js';
import type { Stores } from './stores.js';

/**
 * The surfaces of the adapters the configuration turns on, in the adapters' order. Each adapter
 * imports its platform's SDK only when it is on: a newcomer without tokens does not wait for them.
 */
export async function buildSurfaces(
  config: Config,
  engine: TurnService,
  logger: Logger,
  stores: Pick<Stores, 'dedupe' | 'recall'> & Partial<Pick<Stores, 'misses'>>,
  tickets: TicketDesk,
): Promise<Surface[]> {
  const surfaces: Surface[] = [];
  // Every surface reads follow-ups the same way, against the conversation's last question.
  const service = withFollowUps(engine, stores.recall);
  const misses = stores.misses
    ? createMissDesk(stores.misses, (question, options) => engine.ask(question, options), {
        onError: (error, what) => logger.warn({ err: error }, `"Not what I asked": ${what}`),
      })
    : undefined;
  for (const adapter of config.adapters) {
    const settings = config.settings[adapter.name];
    if (settings === undefined) continue;
    surfaces.push(
      await adapter.create(settings, {
        service,
        logger,
        dedupe: stores.dedupe,
        tickets,
        ...(misses ? { misses } : {}),
        isMaintainer: (req) => isMaintainer(req, config.maintainersToken),
      }),
    );
  }
  return surfaces;
}
