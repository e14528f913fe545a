import { longDate } from '../../resolve/format.js';
import type { Ticket } from '../../schemas/ticket.js';
import type { MaintainersData, UnansweredRow } from './data.js';
import { type Html, html } from './html.js';
import type { TopicPlace } from './locate.js';
import { answeredTicketsSection, ticketHref } from './ticket-page.js';

export const MAINTAINERS_PATH = '/maintainers';
export const ASSETS = `${MAINTAINERS_PATH}/assets`;

/** The NHS.UK page frame: header, one main column, and the page's own small stylesheet. */
export function layout(title: string, main: Html): string {
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Who commissions what</title>
<link rel="stylesheet" href="${ASSETS}/nhsuk-frontend.min.css">
</head>
<body>
<a class="nhsuk-skip-link" href="#maincontent">Skip to main content</a>
<header class="nhsuk-header">
<div class="nhsuk-header__container nhsuk-width-container">
<div class="nhsuk-header__service">
<a class="nhsuk-header__service-logo" href="${MAINTAINERS_PATH}"><span class="nhsuk-header__service-name">Who commissions what: maintainers</span></a>
</div>
</div>
</header>
<div class="nhsuk-width-container">
<main class="nhsuk-main-wrapper" id="maincontent">
${main}
</main>
</div>
</body>
</html>
`.text;
}

const topicHref = (id: string) => `${MAINTAINERS_PATH}/topics/${encodeURIComponent(id)}`;

/** "knowledge/public-health.yaml line 12": what to open, and where. */
function placeText(place: TopicPlace | undefined, line?: number): string {
  if (!place) return 'not found in the knowledge files';
  return `${place.file} line ${line ?? place.line}`;
}

/** A link to the topic's page, naming its file and line. */
export function topicLink(data: MaintainersData, id: string, line?: number): Html {
  const title = data.titles.get(id);
  if (!title) return html`${id} <span class="nhsuk-body-s">(no longer in the knowledge)</span>`;
  return html`<a href="${topicHref(id)}">${title}</a><br><span class="nhsuk-body-s">${placeText(data.places.get(id), line)}</span>`;
}

export function table(label: string, headings: string[], rows: Html[][]): Html {
  return html`<table class="nhsuk-table" aria-label="${label}">
<thead class="nhsuk-table__head"><tr class="nhsuk-table__row">${headings.map((h) => html`<th class="nhsuk-table__header" scope="col">${h}</th>`)}</tr></thead>
<tbody class="nhsuk-table__body">${rows.map((cells) => html`<tr class="nhsuk-table__row">${cells.map((c) => html`<td class="nhsuk-table__cell">${c}</td>`)}</tr>`)}</tbody>
</table>`;
}

const STATUS_WORDS: Record<Ticket['answer']['status'], string> = {
  answered: 'Answered',
  clarify: 'Asked which topic',
  unknown: 'Could not answer',
};

function ticketRows(data: MaintainersData): Html[][] {
  return data.tickets.map((t) => [
    html`<a class="nhsuk-u-nowrap" href="${ticketHref(t.id)}"><strong>${t.id}</strong></a><br><span class="nhsuk-body-s">${longDate(t.createdAt.slice(0, 10))}</span>`,
    html`${t.question}<br><span class="nhsuk-body-s">as of ${longDate(t.asOf)}</span>${t.note ? html`<br><span class="nhsuk-body-s">Note: ${t.note}</span>` : ''}`,
    html`${STATUS_WORDS[t.answer.status]}${t.answer.bodies.length ? html`: ${t.answer.bodies.join(', ')}` : ''}${t.answer.topic ? html`<br>${topicLink(data, t.answer.topic.id)}` : ''}`,
    html`${t.asker.name ?? t.asker.id}<br><span class="nhsuk-body-s">${t.whereText}</span>`,
  ]);
}

function ticketsSection(data: MaintainersData): Html {
  const body = data.tickets.length
    ? table(
        'Open tickets',
        ['Ticket', 'Question', 'What the bot answered', 'Who asked, and where'],
        ticketRows(data),
      )
    : html`<p class="nhsuk-body">No open tickets.</p>`;
  return html`<h2 class="nhsuk-heading-m" id="tickets">Open tickets (${data.tickets.length})</h2>
<p class="nhsuk-body-s">Questions people asked an expert about. Open a ticket to answer or close it. Where a chat platform has an experts’ channel, experts answer there too; web chat askers see the answer with their reference.</p>
${body}
${answeredTicketsSection(data.answeredTickets)}`;
}

/** What to do about an unanswered question: only one that was in scope needs a phrasing or a topic. */
function unansweredAdvice(data: MaintainersData, row: UnansweredRow): Html {
  if (row.options.length)
    return html`${row.options.map((id, i) => html`${i > 0 ? html`<br>` : ''}${topicLink(data, id)}`)}`;
  if (row.outOfScope)
    return html`None: out of scope by design (rule ${row.outOfScope.id} in knowledge/scope.yaml: “${row.outOfScope.reason}”). Nothing to add; if it should be answered, narrow that rule.`;
  return html`No topic matched: add a phrasing or keyword to the topic it should have found, or a new topic.`;
}

function unansweredSection(data: MaintainersData): Html {
  const rows = data.unanswered.map((row) => [
    html`${row.count}`,
    html`${row.question}`,
    html`${row.statuses.join(', ')}`,
    unansweredAdvice(data, row),
  ]);
  const body = rows.length
    ? table(
        'Most frequent unanswered questions',
        ['Times', 'Question', 'What the bot did', 'Topics it offered'],
        rows,
      )
    : html`<p class="nhsuk-body">Nothing logged yet.</p>`;
  return html`<h2 class="nhsuk-heading-m" id="unanswered">Most frequent unanswered questions</h2>
<p class="nhsuk-body-s">${data.unansweredTotal} logged in ${data.logLabel}.</p>
${body}`;
}

function notHelpfulSection(data: MaintainersData): Html {
  const rows = data.notHelpful.map((row) => [
    html`${row.notHelpful}`,
    html`${row.helpful}`,
    row.topicId ? topicLink(data, row.topicId) : html`No topic (the bot did not answer)`,
    html`${row.question}`,
  ]);
  const body = rows.length
    ? table('Answers voted not helpful', ['Not helpful', 'Helpful', 'Topic', 'For example'], rows)
    : html`<p class="nhsuk-body">No answer has been voted not helpful.</p>`;
  return html`<h2 class="nhsuk-heading-m" id="not-helpful">Answers voted not helpful</h2>
<p class="nhsuk-body-s">Check these topics’ eras, notes and sources.</p>
${body}`;
}

function overdueSection(data: MaintainersData): Html {
  const rows = data.overdue.map((era) => [
    topicLink(data, era.topicId, data.places.get(era.topicId)?.eras[era.index]),
    html`${era.status}, ${era.from ? `from ${longDate(era.from)}` : 'from before records'}${era.to ? ` to ${longDate(era.to)}` : ''}`,
    html`${longDate(era.reviewBy)}`,
  ]);
  const body = rows.length
    ? table('Knowledge eras past their review date', ['Topic and era', 'Era', 'Review by'], rows)
    : html`<p class="nhsuk-body">None${data.anyReviewDates ? '' : ' (no era in the knowledge has a review date yet)'}.</p>`;
  return html`<h2 class="nhsuk-heading-m" id="review">Knowledge eras past their review date</h2>
${body}`;
}

/** The maintainers' page: every gap in one place, each pointing at what to edit. */
export function maintainersPage(data: MaintainersData, extra: { misses?: Html } = {}): string {
  const skipped = data.skipped.length
    ? html`<p class="nhsuk-body-s">Skipped ${data.skipped.length} log line(s) that are not valid entries, e.g. ${data.skipped.slice(0, 3).join(', ')}.</p>`
    : '';
  return layout(
    'Maintainers',
    html`<h1 class="nhsuk-heading-l">Maintainers</h1>
<p class="nhsuk-body">Knowledge updated ${longDate(data.knowledgeUpdated)}. Today is ${longDate(data.today)}. Each topic links to its page and names the file and line to edit.</p>
${ticketsSection(data)}
${unansweredSection(data)}
${notHelpfulSection(data)}
${extra.misses ?? ''}
${overdueSection(data)}
${skipped}`,
  );
}
