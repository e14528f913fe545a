import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PlaceLine, sameName, scoreAll, scorePlace } from '../../bench/place-score.js';
import type { Answer } from '../../src/schemas/answer.js';

const line = (expect: Partial<PlaceLine['expect']>): PlaceLine =>
  PlaceLine.parse({
    id: 'x',
    question: 'which ICB covers Leeds?',
    expect: { status: 'answered', ...expect },
  });

const answer = (status: Answer['status'], named: [string, string][], text = ''): Answer => ({
  status,
  question: 'q',
  asOf: '2025-01-01',
  asOfSource: 'given',
  asOfText: '1 January 2025',
  commissioners: named.map(([body, name]) => ({ body, name, role: 'subject', roleText: '' })),
  text,
  changes: [],
  conditionsAsked: [],
  sources: [],
  options: [],
  timeline: [],
  confidence: 1,
});

const wy = answer(
  'answered',
  [['icb', 'NHS West Yorkshire Integrated Care Board']],
  'Leeds was in NHS Leeds CCG until 30 June 2022.',
);

describe('the place scorer', () => {
  it.each([
    ['NHS West Yorkshire Integrated Care Board', 'west yorkshire icb'],
    [
      'NHS Bath and North East Somerset, Swindon and Wiltshire CCG',
      'bath and north east somerset swindon and wiltshire ccg',
    ],
    ['NHS Leeds Clinical Commissioning Group', 'leeds ccg'],
    ['Redcar & Cleveland', 'redcar and cleveland'],
  ])('compares %s as %s', (name, same) => {
    expect(sameName(name).trim()).toBe(same);
  });

  it.each([
    [
      'right: kinds and names as expected',
      line({ must: ['icb'], mustNot: ['ccg'], names: ['NHS West Yorkshire ICB'] }),
      'right',
    ],
    ['right: a name found in the text', line({ names: ['Leeds CCG', '30 June 2022'] }), 'right'],
    ['wrong: a kind missing', line({ must: ['ccg'] }), 'wrong'],
    ['wrong: a kind it must not name', line({ mustNot: ['icb'] }), 'wrong'],
    ['wrong: a name missing', line({ names: ['NHS Humber and North Yorkshire ICB'] }), 'wrong'],
    ['wrong: a name it must not give', line({ namesNot: ['West Yorkshire Integrated Care Board'] }), 'wrong'],
    ['wrong: answered a line expected unknown', line({ status: 'unknown' }), 'wrong'],
  ])('%s', (_, l, kind) => {
    expect(scorePlace(l, wy).kind).toBe(kind);
  });

  it('takes a name whole: "NHS North Manchester CCG" is not "NHS Manchester CCG", in the list or the text', () => {
    const three = answer(
      'answered',
      [
        [
          'ccg',
          'NHS North Manchester CCG (40%), NHS South Manchester CCG (35%), NHS Central Manchester CCG (25%)',
        ],
      ],
      'Manchester was split between NHS North Manchester CCG and two others.',
    );
    expect(scorePlace(line({ namesNot: ['NHS Manchester CCG'] }), three).kind).toBe('right');
    expect(scorePlace(line({ names: ['NHS Manchester CCG'] }), three).kind).toBe('wrong');
    expect(scorePlace(line({ names: ['NHS South Manchester CCG'] }), three).kind).toBe('right');
  });

  it('counts declining an answerable line as abstained, and declining an unknown one as right', () => {
    expect(scorePlace(line({}), answer('clarify', [])).kind).toBe('abstained');
    expect(scorePlace(line({}), answer('unknown', [])).kind).toBe('abstained');
    expect(scorePlace(line({ status: 'unknown' }), answer('unknown', [])).kind).toBe('right');
    const s = scoreAll([
      { line: line({ must: ['icb'] }), answer: wy },
      { line: line({ must: ['ccg'] }), answer: wy },
      { line: line({}), answer: answer('unknown', []) },
    ]);
    expect([s.total, s.right, s.wrong.length, s.abstained.length]).toEqual([3, 1, 1, 1]);
    expect(s.wrong[0]?.why).toBe('no body of kind ccg');
  });

  it('runs as npm run eval:places over a file and prints accuracy, wrong, abstained', () => {
    const out = execFileSync('npx', ['tsx', 'bench/eval-places.ts', 'test/regression/places-sample.jsonl'], {
      encoding: 'utf8',
    });
    expect(out).toMatch(
      /^test\/regression\/places-sample\.jsonl: \d+ lines\naccuracy \d\.\d{3} \(\d+ right\), wrong 0, abstained \d+/,
    );
  });
});
