// The web chat's script. Every piece of text from the server is set with textContent, never as HTML.

import { renderAskExpert } from './expert.js';
import { renderNotWhatIAsked } from './misread.js';

const STATUS_POLL_MS = 5000;

const AS_OF_SOURCES = {
  given: 'the date you chose',
  text: 'a date in your question',
  today: 'today',
};

const NOT_YET_LAW = new Set(['planned', 'approved', 'proposed', 'announced']);

const $ = (id) => document.getElementById(id);

/**
 * This page's conversation: the server reads a follow-up ("and in 2016?") against the last question
 * asked on the same page. A new page (or a reload) starts a new conversation.
 */
const CONVERSATION = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
  b.toString(16).padStart(2, '0'),
).join('');

/** Builds an element; children may be strings (set as text) or elements. */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

// Role wording, the as-of date, the not-yet-law label and the knowledge date come written by the
// server (asOfText, roleText, statusText, updatedText), so the web chat says what Slack and Teams
// say. Only timeline era dates, which the Answer does not write out, are formatted here, the way the
// server's longDate does: read from the ISO string, so no time zone can shift the day.
const MONTH_NAMES =
  'January February March April May June July August September October November December'.split(' ');

/** 2013-04-01 → "1 April 2013", 2013-02 → "February 2013"; anything else is shown as it came. */
function longDate(iso) {
  const monthOnly = /^(\d{4})-(\d{2})$/.exec(iso ?? '');
  if (monthOnly && MONTH_NAMES[Number(monthOnly[2]) - 1])
    return `${MONTH_NAMES[Number(monthOnly[2]) - 1]} ${monthOnly[1]}`;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  const month = match ? MONTH_NAMES[Number(match[2]) - 1] : undefined;
  return match && month ? `${Number(match[3])} ${month} ${match[1]}` : iso;
}

const yearFormat = new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone: 'UTC' });
const toTime = (iso) => Date.parse(`${iso}T00:00:00Z`);
const DAY = 86_400_000;

/** Only http(s) links are made clickable, so a bad source URL cannot run script. */
function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

async function postJson(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status === 204) return { ok: true, data: undefined };
  const data = await response.json().catch(() => ({ error: `the server answered ${response.status}` }));
  return { ok: response.ok, data };
}

// ---------- status: knowledge date, examples, problems banner ----------

let examplesShown = false;

async function refreshStatus() {
  let summary;
  try {
    const response = await fetch('/api/status', { headers: { Accept: 'application/json' } });
    if (!response.ok) return;
    summary = await response.json();
  } catch {
    return;
  }
  $('knowledge-date').textContent =
    `Knowledge base updated ${summary.updatedText}: ${summary.topics} topics, ` +
    `${summary.bodies} organisations, ${summary.sources} sources.`;
  showProblems(summary.problems ?? []);
  // Everyone but maintainers gets no file paths, only this (the server decides who is which).
  $('out-of-date').hidden = !summary.outOfDate || (summary.problems ?? []).length > 0;
  if (!examplesShown && summary.examples?.length) {
    examplesShown = true;
    const list = $('examples-list');
    // The server chooses the examples (src/help.ts), so every surface offers the same ones.
    for (const example of summary.examples) {
      list.append(
        el(
          'li',
          {},
          el('button', {
            type: 'button',
            class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small example',
            text: example,
            onclick: () => {
              $('question').value = example;
              void ask({ question: example });
            },
          }),
        ),
      );
    }
    $('examples').hidden = false;
  }
}

let lastProblems = '';

function showProblems(problems) {
  const key = JSON.stringify(problems);
  if (key === lastProblems) return;
  lastProblems = key;
  const list = $('problems-list');
  list.replaceChildren(
    ...problems.map((p) =>
      el(
        'li',
        {},
        el('code', { text: `${p.file}:${p.line}:${p.column}` }),
        p.field ? ` ${p.field}: ` : ' ',
        p.message,
      ),
    ),
  );
  $('problems').hidden = problems.length === 0;
  if (problems.length) announce(`The knowledge files have ${problems.length} problem(s); see the banner.`);
}

function announce(text) {
  $('status').textContent = text;
}

// ---------- asking ----------

function showFieldError(field, message) {
  const group = $(`${field}-group`);
  const error = $(`${field}-error`);
  const input = $(field);
  group.classList.toggle('nhsuk-form-group--error', Boolean(message));
  input.classList.toggle('nhsuk-input--error', Boolean(message));
  error.hidden = !message;
  error.replaceChildren(
    ...(message ? [el('span', { class: 'nhsuk-u-visually-hidden', text: 'Error: ' }), message] : []),
  );
  if (message) input.setAttribute('aria-describedby', `${field}-hint ${field}-error`);
  else input.setAttribute('aria-describedby', `${field}-hint`);
}

let busy = false;

async function ask(request) {
  if (busy) return;
  showFieldError('question', '');
  showFieldError('as-of', '');
  // A clicked option keeps the date of the answer it came from; a typed question uses the date field.
  const asOf = 'asOf' in request ? request.asOf : $('as-of').value;
  const body = { question: request.question, conversation: CONVERSATION, ...(asOf ? { asOf } : {}) };
  if (request.topicId) body.topicId = request.topicId;
  if (!body.question.trim()) {
    showFieldError('question', 'Type a question, for example: who commissions health visiting?');
    $('question').focus();
    return;
  }
  busy = true;
  $('ask-button').disabled = true;
  announce('Looking that up…');
  try {
    const { ok, data } = await postJson('/api/ask', body);
    if (!ok) {
      const field = data.field === 'asOf' ? 'as-of' : 'question';
      showFieldError(field, data.error ?? 'The server could not answer that.');
      announce(`Error: ${data.error ?? 'the server could not answer that'}`);
      $(field).focus();
      return;
    }
    const card = renderAnswer(data);
    // The conversation reads top to bottom: each answer (a clicked option's too) goes below the last.
    $('answers').append(card);
    announce(`Answer: ${data.text}`);
    card.querySelector('h2').focus();
  } catch {
    showFieldError('question', 'Could not reach the server. Check it is still running, then ask again.');
    announce('Error: could not reach the server');
  } finally {
    busy = false;
    $('ask-button').disabled = false;
    void refreshStatus();
  }
}

// ---------- rendering an answer ----------

let answerCount = 0;

function answerHeading(answer) {
  if (answer.status === 'clarify') return 'Which did you mean?';
  if (answer.status === 'unknown') return 'No answer found';
  // A compound answer: each part has its own title below, so the heading does not repeat the first.
  if (answer.parts?.length > 1) return `${answer.parts.length} things asked, answered in turn`;
  return answer.topic?.title ?? 'Answer';
}

function renderAnswer(answer) {
  answerCount += 1;
  const id = `answer-${answerCount}`;
  const card = el('article', {
    class: `nhsuk-card answer answer--${answer.status}`,
    'aria-labelledby': `${id}-title`,
    'data-status': answer.status,
  });
  const content = el('div', { class: 'nhsuk-card__content' });
  card.append(content);

  content.append(
    el(
      'p',
      { class: 'nhsuk-caption-m answer__question' },
      el('span', { class: 'nhsuk-u-visually-hidden', text: 'You asked: ' }),
      answer.question,
    ),
    el('h2', {
      class: 'nhsuk-card__heading nhsuk-heading-m',
      id: `${id}-title`,
      tabindex: '-1',
      text: answerHeading(answer),
    }),
  );

  if (answer.followUp) {
    content.append(el('p', { class: 'nhsuk-body-s answer__follow-up', text: `Read as: ${answer.followUp}` }));
  }

  if (answer.status === 'answered' && answer.statusText) {
    content.append(
      el('p', {}, el('strong', { class: 'nhsuk-tag nhsuk-tag--yellow', text: answer.statusText })),
    );
  }

  if (answer.parts && answer.parts.length > 1) {
    // A compound question: a section per thing asked, each with its own date and commissioners.
    answer.parts.forEach((part, index) => {
      content.append(renderPart(part, index, id));
    });
  } else {
    for (const paragraph of answer.text.split(/\n{2,}|\n/).filter((p) => p.trim())) {
      content.append(el('p', { class: 'nhsuk-body answer__text', text: paragraph }));
    }
    if (answer.commissioners.length) content.append(renderCommissioners(answer.commissioners));
  }

  const asOfLine = el(
    'p',
    { class: 'nhsuk-body-s answer__as-of' },
    'As of ',
    el('strong', { text: answer.asOfText }),
    ` (${AS_OF_SOURCES[answer.asOfSource] ?? answer.asOfSource}).`,
  );
  if (answer.conditionsAsked.length)
    asOfLine.append(` Read from your question: ${answer.conditionsAsked.join(', ')}.`);
  content.append(asOfLine);
  // What the bot read, so a misreading shows at a glance.
  if (answer.status === 'answered' && answer.readAs)
    content.append(el('p', { class: 'nhsuk-body-s answer__read-as', text: `Read as: ${answer.readAs}` }));

  // A compound answer's parts carry their own history (renderPart); the top carries none.
  if (!(answer.parts?.length > 1)) content.append(...renderHistory(answer, id));

  if (answer.options.length) content.append(renderOptions(answer));

  if (!(answer.parts?.length > 1)) content.append(...renderSeeAlso(answer));

  // A sentence that reads on its own (the knowledge writes it so), shown as plain text under the reason.
  if (answer.lookInstead)
    content.append(el('p', { class: 'nhsuk-body answer__look', text: answer.lookInstead }));

  if (answer.sources.length) {
    content.append(
      el('h3', { class: 'nhsuk-heading-s', text: 'Sources' }),
      el(
        'ul',
        { class: 'nhsuk-list nhsuk-list--bullet answer__sources' },
        answer.sources.map((source) => {
          const href = source.url ? safeUrl(source.url) : undefined;
          return el(
            'li',
            {},
            href ? el('a', { href, rel: 'noopener noreferrer', text: source.title }) : source.title,
            sourceWhat(source, Boolean(href)),
          );
        }),
      ),
    );
  }

  content.append(renderFeedback(answer));
  content.append(renderNotWhatIAsked(answer, ask));
  content.append(renderAskExpert(answer));
  return card;
}

/** Who published a source and when; one without a link says so, so it can be found by its title. */
function sourceWhat(source, linked) {
  const what = [source.publisher, source.date && longDate(source.date)].filter(Boolean).join(', ');
  if (linked) return what ? ` (${what})` : '';
  const where = source.where ?? 'no web link: search for its title';
  return ` (${what ? `${what}; ` : ''}${where})`;
}

/** One thing asked: its title and date, its not-yet-law label, text, commissioners and its own history. */
function renderPart(part, index, id) {
  const section = el('section', { class: 'answer__part', 'data-topic-id': part.topic?.id });
  section.append(
    el('h3', { class: 'nhsuk-heading-s', text: `${part.topic?.title ?? ''} (as of ${part.asOfText})` }),
  );
  if (part.status === 'answered' && part.statusText)
    section.append(
      el('p', {}, el('strong', { class: 'nhsuk-tag nhsuk-tag--yellow', text: part.statusText })),
    );
  section.append(el('p', { class: 'nhsuk-body answer__text', text: part.text }));
  if (part.commissioners.length) section.append(renderCommissioners(part.commissioners));
  section.append(...renderHistory(part, `${id}-part-${index + 1}`), ...renderSeeAlso(part));
  return section;
}

/** Who held it over time and what changed, for one answer or one part of a compound one. */
function renderHistory(part, id) {
  const out = [];
  if (part.timeline.length) out.push(renderTimeline(part.timeline, part, id));
  if (part.changes.length) {
    out.push(
      el('h3', { class: 'nhsuk-heading-s', text: 'What changed' }),
      el(
        'ul',
        { class: 'nhsuk-list nhsuk-list--bullet answer__changes' },
        part.changes.map((change) => el('li', { text: change })),
      ),
    );
  }
  return out;
}

/** Related topics; the server never offers one the answer has just answered. */
function renderSeeAlso(part) {
  if (!part.seeAlso?.length) return [];
  const titles = part.seeAlso.map((o) => o.title).join('; ');
  return [el('p', { class: 'nhsuk-body-s answer__see-also', text: `See also: ${titles}` })];
}

function renderCommissioners(commissioners) {
  return el(
    'dl',
    { class: 'nhsuk-summary-list answer__commissioners' },
    commissioners.map((c) =>
      el(
        'div',
        { class: 'nhsuk-summary-list__row' },
        // A place read names the body itself ("Leeds City Council"), with its kind after it.
        el('dt', {
          class: 'nhsuk-summary-list__key',
          text: c.localName ? `${c.localName} (${c.name})` : c.name,
        }),
        el(
          'dd',
          { class: 'nhsuk-summary-list__value' },
          c.roleText,
          // A condition is a bare label ("delegated commissioning (level 3)"); "where" is said here, once.
          c.condition ? el('span', { class: 'answer__condition', text: `, where ${c.condition}` }) : null,
          c.note ? el('span', { class: 'answer__note', text: ` (${c.note})` }) : null,
        ),
      ),
    ),
  );
}

function renderOptions(answer) {
  return el(
    'div',
    { class: 'answer__options' },
    el('h3', {
      class: 'nhsuk-heading-s',
      text: answer.status === 'clarify' ? 'Choose one' : 'Related topics',
    }),
    el(
      'ul',
      { class: 'nhsuk-list options__list' },
      answer.options.map((option) =>
        el(
          'li',
          {},
          el('button', {
            type: 'button',
            class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small option',
            'data-topic-id': option.topicId,
            text: option.title,
            onclick: () =>
              void ask({
                question: answer.question,
                topicId: option.topicId,
                asOf: answer.asOfSource === 'given' ? answer.asOf : undefined,
              }),
          }),
        ),
      ),
    ),
  );
}

function renderFeedback(answer) {
  const box = el('div', { class: 'answer__feedback' });
  const send = async (helpful) => {
    const { ok } = await postJson('/api/feedback', {
      helpful,
      question: answer.question,
      asOf: answer.asOf,
      status: answer.status,
      ...(answer.topic ? { topicId: answer.topic.id } : {}),
    }).catch(() => ({ ok: false }));
    const thanks = el('p', {
      class: 'nhsuk-body-s',
      tabindex: '-1',
      text: ok ? 'Thank you. Maintainers read this feedback.' : 'Sorry, your feedback could not be saved.',
    });
    box.replaceChildren(thanks);
    thanks.focus();
  };
  box.append(
    el('span', {
      class: 'nhsuk-body-s answer__feedback-label',
      id: `fb-${answerCount}`,
      text: 'Was this helpful?',
    }),
    el('button', {
      type: 'button',
      class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small',
      'aria-describedby': `fb-${answerCount}`,
      text: 'Yes',
      onclick: () => send(true),
    }),
    el('button', {
      type: 'button',
      class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small',
      'aria-describedby': `fb-${answerCount}`,
      text: 'No',
      onclick: () => send(false),
    }),
  );
  return box;
}

// ---------- the timeline picture ----------

/**
 * A horizontal bar, one segment per era, widths in proportion to time, with the as-of date and today
 * marked; a change not yet law is hatched, outlined with dashes and labelled. The bar is decoration for
 * sighted readers; the list under it says the same in words.
 */
function renderTimeline(eras, part, id) {
  const scale = timelineScale(eras, part);
  const bar = el('div', { class: 'timeline__bar', 'aria-hidden': 'true' });
  eras.forEach((era, index) => {
    bar.append(eraSegment(era, index, scale));
  });
  bar.append(marker('timeline__marker', 'timeline__marker-label', part.asOfText, scale.asOfTime, scale));
  // Today gets its own dotted line when the question is about another day.
  if (part.today && part.today !== part.asOf)
    bar.append(marker('timeline__today', 'timeline__today-label', 'today', toTime(part.today), scale));

  const last = eras.at(-1);
  const axis = el(
    'div',
    { class: 'timeline__axis', 'aria-hidden': 'true' },
    el('span', {
      text: eras[0]?.from
        ? yearFormat.format(scale.start)
        : `before ${yearFormat.format(toTime(eras[0]?.to ?? part.asOf))}`,
    }),
    // The right end is a year, never "now": a planned era runs past today.
    el('span', {
      text: last?.to ? yearFormat.format(scale.end - DAY) : `${yearFormat.format(scale.latest)} →`,
    }),
  );
  const today = part.today && part.today !== part.asOf ? '; the dotted line today' : '';
  return el(
    'figure',
    { class: 'timeline', 'aria-labelledby': `${id}-timeline` },
    el('figcaption', {
      class: 'nhsuk-heading-s',
      id: `${id}-timeline`,
      text: `Who held it over time; the line marks ${part.asOfText}${today}`,
    }),
    bar,
    axis,
    renderLegend(eras, part),
  );
}

/** Where the bar starts and ends: every era's dates, the as-of date and today, with room for open ends. */
function timelineScale(eras, part) {
  const asOfTime = toTime(part.asOf);
  const todayTime = part.today ? toTime(part.today) : Date.now();
  const known = eras
    .flatMap((era) => [era.from, era.to])
    .filter(Boolean)
    .map(toTime);
  const earliest = Math.min(asOfTime, ...known);
  const latest = Math.max(asOfTime, ...known, todayTime);
  // Open ends ("before 2013", "still holds") get a stretch of bar so they still show.
  const span = Math.max(latest - earliest, 365 * DAY);
  const start = eras[0]?.from ? Math.min(toTime(eras[0].from), asOfTime) : earliest - span * 0.15;
  const end = eras.at(-1)?.to ? Math.max(toTime(eras.at(-1).to) + DAY, asOfTime + DAY) : latest + span * 0.1;
  const total = end - start;
  return {
    start,
    end,
    total,
    asOfTime,
    latest,
    percent: (time) => `${(((time - start) / total) * 100).toFixed(2)}%`,
  };
}

function eraSegment(era, index, scale) {
  const from = era.from ? toTime(era.from) : scale.start;
  const to = era.to ? toTime(era.to) + DAY : scale.end;
  const notLaw = NOT_YET_LAW.has(era.status);
  const bodies = era.bodies.join(' + ') || '—';
  const segment = el('div', {
    class: [
      'timeline__era',
      `timeline__era--${index % 5}`,
      notLaw ? 'timeline__era--not-law' : '',
      era.asOf ? 'timeline__era--current' : '',
      era.today ? 'timeline__era--today' : '',
    ].join(' '),
    'data-status': era.status,
    title: `${era.bodies.join(', ') || 'nobody'}: ${eraRange(era)}${era.statusText ? ` (${era.statusText})` : ''}`,
  });
  segment.style.left = scale.percent(from);
  segment.style.width = `${(((to - from) / scale.total) * 100).toFixed(2)}%`;
  segment.append(
    el('span', { class: 'timeline__label', text: notLaw ? `${bodies} (${era.status})` : bodies }),
  );
  return segment;
}

function marker(className, labelClass, label, time, scale) {
  const line = el('div', { class: className }, el('span', { class: labelClass, text: label }));
  line.style.left = scale.percent(time);
  if ((time - scale.start) / scale.total > 0.75) line.setAttribute('data-end', '');
  return line;
}

function renderLegend(eras, part) {
  return el(
    'ol',
    { class: 'nhsuk-list timeline__legend' },
    eras.map((era, index) =>
      el(
        'li',
        { class: 'timeline__legend-item', 'data-status': era.status },
        el('span', { class: `timeline__swatch timeline__era--${index % 5}`, 'aria-hidden': 'true' }),
        el('strong', { text: era.bodies.join(', ') || 'nobody' }),
        `: ${eraRange(era)}`,
        NOT_YET_LAW.has(era.status) ? ` (${era.statusText ?? era.status})` : '',
        era.asOf ? ` ◀ ${part.asOf === part.today ? 'today' : part.asOfText}` : '',
        era.today && part.today !== part.asOf ? ' ◀ today' : '',
      ),
    ),
  );
}

function eraRange(era) {
  if (era.range) return era.range;
  if (era.from && era.to) return `${longDate(era.from)} to ${longDate(era.to)}`;
  if (era.from) return `from ${longDate(era.from)}`;
  if (era.to) return `until ${longDate(era.to)}`;
  return 'throughout';
}

// ---------- start ----------

$('ask-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void ask({ question: $('question').value });
});

void refreshStatus();
setInterval(() => {
  if (document.visibilityState === 'visible') void refreshStatus();
}, STATUS_POLL_MS);
