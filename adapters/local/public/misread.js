// "Not what I asked" under each answer: the press records the miss for the maintainers and shows the
// other readings the server offers; choosing one asks again as a clicked option does, with the
// question's date. Kept apart from chat.js, which only adds it to each answer card.

function make(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A key for one answer, made once, so a retry or a second press records one miss. */
function answerKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  }).catch(() => undefined);
  const data = response && response.status !== 204 ? await response.json().catch(() => ({})) : {};
  return { ok: Boolean(response?.ok), data };
}

/** Opens the answer's own "Ask an expert" form (expert.js), for a reading none of these fits. */
function askExpertButton(box) {
  return Object.assign(
    make(
      'button',
      { type: 'button', class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small' },
      'Ask an expert',
    ),
    {
      onclick: () => {
        const details = box.closest('article')?.querySelector('details.answer__expert');
        if (!details) return;
        details.open = true;
        details.querySelector('textarea')?.focus();
      },
    },
  );
}

/** The readings offered, each a button that asks for it; then what to do if none fits. */
function renderReadings(box, data, ask) {
  const heading = make(
    'p',
    { class: 'nhsuk-body answer__misread-read', tabindex: '-1' },
    data.read ? `I read your question as: ${data.read}.` : 'I did not read a service in your question.',
  );
  const list = make('ul', { class: 'nhsuk-list options__list answer__readings' });
  for (const alt of data.alternatives) {
    const choose = make(
      'button',
      {
        type: 'button',
        class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small option',
        'data-topic-id': alt.topicId,
      },
      alt.title,
    );
    choose.addEventListener('click', async () => {
      await post('/api/misses/choice', { id: data.id, topicId: alt.topicId });
      void ask({ question: data.question, topicId: alt.topicId, asOf: data.asOf });
    });
    const item = make('li');
    item.append(choose, make('span', { class: 'nhsuk-body-s answer__reading-ask' }, ` or ask “${alt.ask}”`));
    list.append(item);
  }
  const noted = data.recorded
    ? 'Thanks: the maintainers will see that this reading was wrong.'
    : 'Sorry, this could not be recorded for the maintainers just now.';
  const none = make(
    'p',
    { class: 'nhsuk-body-s' },
    `${data.alternatives.length ? 'Did you mean one of these? If none of them is it, ask an expert.' : 'I have no other reading of it: ask an expert.'} ${noted}`,
  );
  box.replaceChildren(heading, ...(data.alternatives.length ? [list] : []), none, askExpertButton(box));
  heading.focus();
}

/** The "Not what I asked" button for one answer; `ask` asks a question as the page does. */
export function renderNotWhatIAsked(answer, ask) {
  const key = answerKey();
  const box = make('div', { class: 'answer__misread' });
  const press = make(
    'button',
    { type: 'button', class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small' },
    'Not what I asked',
  );
  press.addEventListener('click', async () => {
    press.disabled = true;
    const { ok, data } = await post('/api/misses', {
      key,
      question: answer.question,
      asOf: answer.asOf,
      ...(answer.topic ? { topicId: answer.topic.id } : {}),
    });
    if (ok) return renderReadings(box, data, ask);
    press.disabled = false;
    box.append(
      make(
        'p',
        { class: 'nhsuk-body-s', role: 'alert' },
        `Sorry, that did not work: ${data.error ?? 'the server could not be reached'}. Please try again.`,
      ),
    );
  });
  box.append(press);
  return box;
}
