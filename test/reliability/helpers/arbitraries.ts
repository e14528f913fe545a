import fc from 'fast-check';

/** Text shapes people (and attackers) paste into chat, each an arbitrary of whole questions. */

const REAL_QUESTIONS = [
  'who commissions health visiting?',
  'who commissioned community pharmacy in 2016?',
  'who buys NHS 111 for our patch in 2017?',
  'our CCG is fully delegated: who signs off GP contracts?',
  'when did ICBs replace CCGs?',
  'who commisioned renal dialisys in 2016?',
];

const INJECTIONS = [
  "'; DROP TABLE topics; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '</div><iframe src="javascript:alert(1)">',
  '<!channel> <!here> <@U0BOT> <#C0GENERAL>',
  '*bold* _italic_ ~strike~ `code` ```block``` > quote',
  '<https://evil.example|click here>',
  '[link](javascript:alert(1)) ![x](http://x)',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection shape, on purpose
  '${process.exit(1)} {{7*7}} #{1+1} %s%n%x',
  '../../../etc/passwd \\\\server\\share',
  '\u202egnissimmoc\u202c \u200b\u200d\ufeff',
  'null undefined NaN Infinity true false [] {} __proto__ constructor',
  'a'.repeat(600),
];

const EMOJI = ['😀', '🏥', '💉', '🦷', '👩‍⚕️', '🇬🇧', '🧑🏽‍🦯', '❤️', '🔥', '🙏🏿', '0️⃣', '©️'];

const CONTROL = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));

export const questionText = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 300 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }), weight: 2 },
  {
    arbitrary: fc.string({
      unit: fc.oneof(CONTROL, fc.constantFrom(' ', 'a', '\u007f', '\u0085')),
      maxLength: 200,
    }),
    weight: 1,
  },
  { arbitrary: fc.string({ unit: fc.constantFrom(...EMOJI), minLength: 1, maxLength: 80 }), weight: 1 },
  {
    arbitrary: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 80 }),
    weight: 1,
  },
  {
    arbitrary: fc.string({ unit: fc.constantFrom(...'0123456789/-. '), minLength: 1, maxLength: 40 }),
    weight: 1,
  },
  {
    // An injection shape inside, before or after a real question.
    arbitrary: fc
      .tuple(fc.constantFrom(...REAL_QUESTIONS), fc.constantFrom(...INJECTIONS), fc.nat())
      .map(([q, bad, at]) => {
        const i = at % (q.length + 1);
        return q.slice(0, i) + bad + q.slice(i);
      }),
    weight: 2,
  },
  {
    // Real words in random order: reaches answers and clarifications, not only "unknown".
    arbitrary: fc
      .array(
        fc.constantFrom(
          ...REAL_QUESTIONS.flatMap((q) => q.split(' ')),
          'in',
          '2013',
          '2022',
          'before',
          'after',
          'ICBs',
          'PCT',
          'dental',
          'screening',
          'prison',
          'delegated',
          'last year',
          'now',
        ),
        { maxLength: 14 },
      )
      .map((w) => w.join(' ')),
    weight: 3,
  },
);

/** 100 kB of one repeated shape. */
export const hugeText = fc
  .oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
    fc.constantFrom(...REAL_QUESTIONS, ...INJECTIONS),
  )
  .map((s) => s.repeat(Math.ceil(100_000 / s.length)).slice(0, 100_000));

/** What a caller may pass as asOf: real dates, impossible ones, and junk. */
export const asOfOption = fc.option(
  fc.oneof(
    fc
      .date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    fc.constantFrom('2015-02-30', '2015-13-01', '0000-00-00', '9999-99-99', '2016', '', 'yesterday'),
    fc.string({ maxLength: 20 }),
  ),
  { nil: undefined },
);
