import { groupMisses, type MissGroup } from '../../misses/groups.js';
import { MISS_LIST_LIMIT, type MissStore } from '../../misses/store.js';
import type { Logger } from '../../surface.js';
import type { MaintainersData } from './data.js';
import { type Html, html } from './html.js';
import { table, topicLink } from './page.js';

/** Rows shown: the top of the list, as `npm run report` does. */
const TOP = 25;

/** The readings people said were wrong, grouped, most frequent first; undefined when they cannot be read. */
export async function readMissGroups(
  store: Pick<MissStore, 'list'>,
  logger: Logger,
): Promise<MissGroup[] | undefined> {
  try {
    return groupMisses(await store.list(MISS_LIST_LIMIT)).slice(0, TOP);
  } catch (error) {
    logger.warn({ err: error }, 'maintainers’ page: the "Not what I asked" misses could not be read');
    return undefined;
  }
}

function readCell(data: MaintainersData, group: MissGroup): Html {
  if (!group.read) return html`Nothing read: the bot gave no answer`;
  const links = group.topicIds.map((id, i) => html`${i > 0 ? html`<br>` : ''}${topicLink(data, id)}`);
  return html`${group.read}<br>${links}`;
}

function insteadCell(data: MaintainersData, group: MissGroup): Html {
  const chosen = group.chosen.map(
    (c, i) => html`${i > 0 ? html`<br>` : ''}${c.count} × ${topicLink(data, c.topicId)}`,
  );
  const none = group.noneChosen
    ? html`${group.chosen.length ? html`<br>` : ''}${group.noneChosen} × none of those offered`
    : '';
  return html`${chosen}${none}`;
}

/** The maintainers' page section: each reading people said was wrong, and what they chose instead. */
export function missesSection(data: MaintainersData, groups: MissGroup[] | undefined): Html {
  const rows = (groups ?? []).map((group) => [
    html`${group.count}`,
    readCell(data, group),
    html`${group.question}`,
    insteadCell(data, group),
  ]);
  const body = !groups
    ? html`<p class="nhsuk-body">The misses could not be read just now; the server log says why.</p>`
    : rows.length
      ? table(
          'Readings people said were wrong',
          ['Times', 'What the bot read', 'For example', 'Chosen instead'],
          rows,
        )
      : html`<p class="nhsuk-body">Nobody has pressed “Not what I asked” yet.</p>`;
  return html`<h2 class="nhsuk-heading-m" id="misses">Readings people said were wrong</h2>
<p class="nhsuk-body-s">From “Not what I asked”. Where people chose another reading, add their wording to that topic (a phrasing, or a line in knowledge/example-messages.yaml); where they chose none, the knowledge may lack the topic.</p>
${body}`;
}
