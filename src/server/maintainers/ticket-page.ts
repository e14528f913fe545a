import { longDate } from '../../resolve/format.js';
import type { Ticket, TicketPerson } from '../../schemas/ticket.js';
import { CSRF_FIELD } from './csrf.js';
import { type Html, html } from './html.js';
import { layout, MAINTAINERS_PATH } from './page.js';

export const ticketHref = (id: string) => `${MAINTAINERS_PATH}/tickets/${encodeURIComponent(id)}`;

const STATE_TAGS: Record<Ticket['state'], Html> = {
  open: html`<strong class="nhsuk-tag nhsuk-tag--blue">Open</strong>`,
  answered: html`<strong class="nhsuk-tag nhsuk-tag--green">Answered</strong>`,
  closed: html`<strong class="nhsuk-tag nhsuk-tag--grey">Closed</strong>`,
};

export const stateTag = (state: Ticket['state']): Html => STATE_TAGS[state];

/** "2 December 2026 at 14:03 UTC": when something happened to a ticket. */
export function when(iso: string): string {
  return `${longDate(iso.slice(0, 10))} at ${iso.slice(11, 16)} UTC`;
}

const personName = (person: TicketPerson | undefined) => person?.name ?? person?.id ?? 'someone';

/** What the page says after a form was accepted, from the ?done= of the redirect. */
const DONE: Record<string, string> = {
  answered: 'Your answer is on the ticket. The asker sees it where they asked.',
  closed: 'The ticket is closed.',
};

/** What the page is given: the ticket, and what the forms need. */
export interface TicketView {
  ticket: Ticket;
  csrf: string;
  /** Whether an answer typed here reaches the asker (the web chat shows it; Slack and Teams relay it). */
  canAnswer: boolean;
  /** Why it cannot, said to the maintainer. */
  cannotAnswer?: string;
  done?: string;
  problem?: string;
}

function row(key: string, value: Html | string): Html {
  return html`<div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">${key}</dt><dd class="nhsuk-summary-list__value">${value}</dd></div>`;
}

function summary(ticket: Ticket): Html {
  const { answer } = ticket;
  const said = html`${answer.topic ? html`${answer.topic.title}: ` : ''}${answer.text}${answer.bodies.length ? html`<br><span class="nhsuk-body-s">Named: ${answer.bodies.join(', ')}</span>` : ''}`;
  const notes = [
    ...(ticket.note ? [html`<p class="nhsuk-body">${ticket.note}</p>`] : []),
    ...ticket.notes.map(
      (n) =>
        html`<p class="nhsuk-body">${n.text}<br><span class="nhsuk-body-s">Added ${when(n.at)}</span></p>`,
    ),
  ];
  return html`<dl class="nhsuk-summary-list">
${row('State', stateTag(ticket.state))}
${row('Question', html`${ticket.question}<br><span class="nhsuk-body-s">as of ${longDate(ticket.asOf)}</span>`)}
${row('Asked', html`${when(ticket.createdAt)} by ${personName(ticket.asker)}, in ${ticket.whereText}`)}
${row('What the bot answered', said)}
${notes.length ? row('The asker’s notes', html`${notes}`) : ''}
${ticket.closedAt ? row('Closed', `${when(ticket.closedAt)} by ${personName(ticket.closedBy)}`) : ''}
</dl>`;
}

function answers(ticket: Ticket): Html {
  if (!ticket.replies.length) return html`<p class="nhsuk-body">No answer yet.</p>`;
  return html`${ticket.replies.map(
    (r) =>
      html`<div class="nhsuk-inset-text"><p class="nhsuk-body">${r.text}</p><p class="nhsuk-body-s">${personName(r.by)}, ${when(r.at)}</p></div>`,
  )}`;
}

function answerFields(view: TicketView): Html {
  const { problem } = view;
  if (!view.canAnswer) return html`<p class="nhsuk-body">${view.cannotAnswer ?? ''}</p>`;
  const error = problem ? ' nhsuk-form-group--error' : '';
  return html`<div class="nhsuk-form-group${error}">
<label class="nhsuk-label" for="answer">Your answer</label>
<div class="nhsuk-hint" id="answer-hint">The asker sees it as you write it. Name the body and, if you can, a source.</div>
${problem ? html`<p class="nhsuk-error-message" id="answer-error"><span class="nhsuk-u-visually-hidden">Error:</span> ${problem}</p>` : ''}
<textarea class="nhsuk-textarea${problem ? ' nhsuk-textarea--error' : ''}" id="answer" name="answer" rows="5" maxlength="4000" aria-describedby="answer-hint${problem ? ' answer-error' : ''}"></textarea>
</div>`;
}

/**
 * One form for both: the name is recorded with an answer and with a close. The close button posts
 * to its own address (formaction), so it never needs the answer box filled.
 */
function ticketForm(view: TicketView): Html {
  const href = ticketHref(view.ticket.id);
  return html`<h2 class="nhsuk-heading-m">Answer or close</h2>
<form method="post" action="${href}/answer" novalidate>
<input type="hidden" name="${CSRF_FIELD}" value="${view.csrf}">
<div class="nhsuk-form-group">
<label class="nhsuk-label" for="by">Your name</label>
<div class="nhsuk-hint" id="by-hint">Kept with the ticket as who answered or closed it, and shown to the asker with an answer.</div>
<input class="nhsuk-input nhsuk-input--width-20" id="by" name="by" type="text" maxlength="100" autocomplete="name" aria-describedby="by-hint">
</div>
${answerFields(view)}
<div class="nhsuk-button-group">
${view.canAnswer ? html`<button class="nhsuk-button" type="submit">Send answer</button>` : ''}
<button class="nhsuk-button nhsuk-button--secondary" type="submit" formaction="${href}/close">Close ticket</button>
</div>
</form>`;
}

/** One ticket, with a form to answer it and one to close it while it is not closed. */
export function ticketPage(view: TicketView): string {
  const { ticket } = view;
  const done = view.done && DONE[view.done];
  const banner = done
    ? html`<div class="nhsuk-inset-text" role="status"><p class="nhsuk-body">${done}</p></div>`
    : '';
  const forms = ticket.state === 'closed' ? '' : ticketForm(view);
  return layout(
    `Ticket ${ticket.id}`,
    html`<a class="nhsuk-back-link" href="${MAINTAINERS_PATH}#tickets">Back to the maintainers’ page</a>
${banner}
<h1 class="nhsuk-heading-l">Ticket ${ticket.id}</h1>
${summary(ticket)}
<h2 class="nhsuk-heading-m">Answers</h2>
${answers(ticket)}
${forms}`,
  );
}

/** Answered tickets nobody has closed: each with who answered last and when, to close or answer again. */
export function answeredTicketsSection(tickets: readonly Ticket[]): Html {
  if (!tickets.length) return html``;
  const rows = tickets.map((t) => {
    const last = t.replies[t.replies.length - 1];
    return html`<tr class="nhsuk-table__row">
<td class="nhsuk-table__cell"><a href="${ticketHref(t.id)}"><strong>${t.id}</strong></a></td>
<td class="nhsuk-table__cell">${t.question}</td>
<td class="nhsuk-table__cell">${last ? `${personName(last.by)}, ${when(last.at)}` : ''}</td>
</tr>`;
  });
  return html`<h3 class="nhsuk-heading-s">Answered, not yet closed (${tickets.length})</h3>
<table class="nhsuk-table" aria-label="Answered tickets">
<thead class="nhsuk-table__head"><tr class="nhsuk-table__row"><th class="nhsuk-table__header" scope="col">Ticket</th><th class="nhsuk-table__header" scope="col">Question</th><th class="nhsuk-table__header" scope="col">Last answered by</th></tr></thead>
<tbody class="nhsuk-table__body">${rows}</tbody>
</table>`;
}
