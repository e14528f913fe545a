// "Answers from experts": the tickets this browser opened (kept in localStorage) and any looked
// up by reference, each with the experts' answers. Checked when the page opens and when it is shown
// again, so an asker who comes back sees the answer. Every text from the server is set as text.

const STORE_KEY = 'whocommissions:tickets';
/** The most references kept: enough for anyone's questions, never a growing pile. */
const MAX_KEPT = 20;
const REFERENCE = /^WC-[2-9A-HJ-NP-Z]{6}$/;
const STATE_TAGS = {
  open: ['Waiting for an expert', 'nhsuk-tag--blue'],
  answered: ['Answered', 'nhsuk-tag--green'],
  closed: ['Closed', 'nhsuk-tag--grey'],
};

const $ = (id) => document.getElementById(id);

function make(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The references remembered, newest first; a broken or foreign value counts as none. */
function remembered() {
  try {
    const list = JSON.parse(localStorage.getItem(STORE_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((item) => REFERENCE.test(item?.reference ?? '')) : [];
  } catch {
    return [];
  }
}

function save(list) {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify(list.slice(0, MAX_KEPT)));
  } catch {
    // Storage full or turned off: the reference still shows on this page, and the asker has it.
  }
}

/** Remembers a reference (at the top), with how many answers the asker has already seen. */
function remember(reference, seen) {
  const rest = remembered().filter((item) => item.reference !== reference);
  save([{ reference, seen }, ...rest]);
}

function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      });
}

/** One ticket as the asker sees it: its question, state, and each answer with who gave it and when. */
function renderTicket(ticket) {
  const card = make('div', { class: 'nhsuk-card my-ticket', 'data-reference': ticket.reference });
  const content = make('div', { class: 'nhsuk-card__content' });
  const [label, colour] = STATE_TAGS[ticket.state] ?? [ticket.state, ''];
  const heading = make('h3', { class: 'nhsuk-card__heading nhsuk-heading-s' }, `${ticket.reference}: `);
  heading.append(make('strong', { class: `nhsuk-tag ${colour}` }, label));
  content.append(heading, make('p', { class: 'nhsuk-body' }, ticket.question));
  if (!ticket.answers.length) {
    content.append(
      make(
        'p',
        { class: 'nhsuk-body-s' },
        'No answer yet. This page checks again whenever you come back to it.',
      ),
    );
  }
  for (const answer of ticket.answers) {
    const box = make('div', { class: 'nhsuk-inset-text my-ticket__answer' });
    box.append(
      make('p', { class: 'nhsuk-body-s' }, `${answer.by} answered on ${when(answer.at)}:`),
      make('p', { class: 'nhsuk-body my-ticket__text' }, answer.text),
    );
    content.append(box);
  }
  card.append(content);
  return card;
}

function announce(text) {
  const status = $('status');
  if (status) status.textContent = text;
}

/** Shows a ticket in the list (replacing its old card), newest at the top. */
function show(ticket) {
  const list = $('my-tickets-list');
  list.querySelector(`[data-reference="${ticket.reference}"]`)?.remove();
  list.prepend(renderTicket(ticket));
}

/** The ticket from the server, or { error } saying what went wrong. */
async function fetchTicket(reference) {
  const response = await fetch(`/api/tickets/${encodeURIComponent(reference)}`, {
    headers: { Accept: 'application/json' },
  }).catch(() => undefined);
  if (!response) return { error: 'the server could not be reached' };
  const data = await response.json().catch(() => ({}));
  return response.ok ? data : { error: data.error ?? `the server answered ${response.status}` };
}

/** Checks every remembered reference, oldest first so the newest ends on top; says which have new answers. */
async function checkRemembered() {
  const items = remembered();
  const fresh = [];
  for (const item of [...items].reverse()) {
    const ticket = await fetchTicket(item.reference);
    if (ticket.error) continue;
    show(ticket);
    if (ticket.answers.length > (item.seen ?? 0)) fresh.push(ticket.reference);
    remember(ticket.reference, ticket.answers.length);
  }
  if (fresh.length) announce(`An expert has answered: ${fresh.join(', ')}.`);
}

/** Called by the "Ask an expert" form once a ticket is opened. */
export function rememberTicket(reference, question) {
  remember(reference, 0);
  show({ reference, state: 'open', question, answers: [] });
}

function lookupError(message) {
  const group = $('reference-group');
  const error = $('reference-error');
  group.classList.toggle('nhsuk-form-group--error', Boolean(message));
  $('reference').classList.toggle('nhsuk-input--error', Boolean(message));
  error.hidden = !message;
  error.textContent = message ? `Error: ${message}` : '';
}

async function lookUp(event) {
  event.preventDefault();
  const reference = $('reference').value.trim().toUpperCase();
  if (!REFERENCE.test(reference)) return lookupError('Enter the reference you were given, like WC-7KQ2M9');
  const ticket = await fetchTicket(reference);
  if (ticket.error) return lookupError(ticket.error);
  lookupError('');
  remember(reference, ticket.answers.length);
  show(ticket);
  announce(ticket.answers.length ? `${reference} has an answer.` : `${reference} has no answer yet.`);
}

if ($('my-tickets')) {
  $('ticket-lookup').addEventListener('submit', (event) => void lookUp(event));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void checkRemembered();
  });
  void checkRemembered();
}
