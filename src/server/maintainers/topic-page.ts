import type { KnowledgeBase } from '../../knowledge/model.js';
import { longDate } from '../../resolve/format.js';
import type { Topic } from '../../schemas/topic.js';
import { html } from './html.js';
import type { TopicPlace } from './locate.js';
import { layout, MAINTAINERS_PATH } from './page.js';
import { reviewByOf } from './review.js';

/** One topic as a maintainer edits it: the file and line, and each era with its holders and review date. */
export function topicPage(
  kb: KnowledgeBase,
  topic: Topic,
  place: TopicPlace | undefined,
  today: string,
): string {
  const rows = topic.eras.map((era, index) => {
    const reviewBy = reviewByOf(era);
    const holders = era.holders.map((h) => kb.bodies.get(h.body)?.name ?? h.body).join(', ');
    return html`<tr class="nhsuk-table__row">
<td class="nhsuk-table__cell">${era.from ? longDate(era.from) : 'before records'} to ${era.to ? longDate(era.to) : 'now'}</td>
<td class="nhsuk-table__cell">${era.status}</td>
<td class="nhsuk-table__cell">${holders}</td>
<td class="nhsuk-table__cell">${reviewBy ? html`${longDate(reviewBy)}${reviewBy < today ? html` <strong class="nhsuk-tag nhsuk-tag--red">past</strong>` : ''}` : 'none'}</td>
<td class="nhsuk-table__cell">${place?.eras[index] ?? '?'}</td>
</tr>`;
  });
  return layout(
    topic.title,
    html`<a class="nhsuk-back-link" href="${MAINTAINERS_PATH}">Back to the maintainers’ page</a>
<h1 class="nhsuk-heading-l">${topic.title}</h1>
<dl class="nhsuk-summary-list">
<div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">Topic id</dt><dd class="nhsuk-summary-list__value">${topic.id}</dd></div>
<div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">File</dt><dd class="nhsuk-summary-list__value">${place ? `knowledge/${place.file}, line ${place.line}` : 'not found in the knowledge files'}</dd></div>
</dl>
<h2 class="nhsuk-heading-m">Eras</h2>
<table class="nhsuk-table" aria-label="Eras of ${topic.title}">
<thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
<th class="nhsuk-table__header" scope="col">Dates</th><th class="nhsuk-table__header" scope="col">Status</th>
<th class="nhsuk-table__header" scope="col">Holders</th><th class="nhsuk-table__header" scope="col">Review by</th>
<th class="nhsuk-table__header" scope="col">Line</th></tr></thead>
<tbody class="nhsuk-table__body">${rows}</tbody>
</table>`,
  );
}
