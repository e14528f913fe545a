// "Ask an expert" under each answer: a short form that stores a ticket for the maintainers and shows
// its reference. Kept apart from chat.js, which only adds it to each answer card.

import { rememberTicket } from './my-tickets.js';

/** A key for one answer, made once, so a retry or a second click opens the same ticket. */
function answerKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function make(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

let forms = 0;

/** The NHS.UK details component holding the form; `answer` is the Answer it is about. */
export function renderAskExpert(answer) {
  forms += 1;
  const id = `expert-${forms}`;
  const key = answerKey();
  const details = make('details', { class: 'nhsuk-details answer__expert' });
  const summary = make('summary', { class: 'nhsuk-details__summary' });
  summary.append(make('span', { class: 'nhsuk-details__summary-text' }, 'Ask an expert'));
  const body = make('div', { class: 'nhsuk-details__text' });
  const form = make('form', { novalidate: '' });
  const group = make('div', { class: 'nhsuk-form-group' });
  group.append(
    make('label', { class: 'nhsuk-label', for: `${id}-note` }, 'Anything the expert should know? (optional)'),
    make(
      'div',
      { class: 'nhsuk-hint', id: `${id}-hint` },
      'Your question, its date and this answer are sent with it.',
    ),
    make('textarea', {
      class: 'nhsuk-textarea',
      id: `${id}-note`,
      name: 'note',
      rows: '3',
      maxlength: '2000',
      'aria-describedby': `${id}-hint`,
    }),
  );
  const button = make(
    'button',
    { class: 'nhsuk-button nhsuk-button--secondary', type: 'submit' },
    'Send to an expert',
  );
  const result = make('p', { class: 'nhsuk-body answer__expert-result', tabindex: '-1' });
  result.hidden = true;
  form.append(group, button);
  body.append(form, result);
  details.append(summary, body);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    const note = form.elements.note.value.trim();
    const request = {
      key,
      question: answer.question,
      asOf: answer.asOf,
      ...(answer.topic ? { topicId: answer.topic.id } : {}),
      ...(note ? { note } : {}),
    };
    const response = await fetch('/api/tickets', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(request),
    }).catch(() => undefined);
    const data = response ? await response.json().catch(() => ({})) : {};
    result.hidden = false;
    if (response?.ok && data.reference) {
      result.textContent = `Sent. Your reference is ${data.reference}. The answer will show under “Answers from experts” on this page, in this browser, or look it up there with the reference.`;
      form.hidden = true;
      rememberTicket(data.reference, answer.question);
    } else {
      result.textContent = `Sorry, your question could not be sent: ${data.error ?? 'the server could not be reached'}. Please try again.`;
      button.disabled = false;
    }
    result.focus();
  });
  return details;
}
