import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { became, chain, formedFrom } from '../../src/resolve/place-history.js';
import { shippedKnowledge } from './helpers.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await shippedKnowledge();
});

const codes = (list: { code: string }[]) => list.map((p) => p.code).sort();

describe('the places API: what a body became, what it came from, when it started and ended', () => {
  it.each([
    // [code, from, to, firstListed, recoded, next]
    ['E54000034', '2022-07-01', '2026-03-31', false, false, ['E54000042', 'S0E4D', 'S9B9J']], // Frimley: split
    ['E54000063', '2022-07-01', '2026-03-31', false, true, ['S9B9J']], // Surrey Heartlands, recoded 2024
    ['E38000188', '2015-07-01', '2022-06-30', true, false, ['E54000051']], // Vale of York CCG
    ['E38000206', '2015-07-01', '2020-03-31', true, false, ['E38000231']], // Wiltshire CCG
    ['E54000054', '2022-07-01', undefined, false, false, []], // West Yorkshire ICB
    ['E08000035', undefined, undefined, true, false, []], // Leeds, older than the tables
    ['E10000023', undefined, '2023-03-31', true, false, ['E06000065']], // North Yorkshire County Council
  ])('lifetime of %s', (code, from, to, firstListed, recoded, next) => {
    // A CCG and the sub-ICB location it became share a code: the kind says which is meant.
    const life = kb.places.lifetime(code, code.startsWith('E38') ? 'ccg' : undefined);
    expect(life).toMatchObject({ from, to, firstListed, recoded });
    expect(codes(life?.next ?? [])).toEqual(next);
  });

  it('follows a CCG through its merger to its ICB, each step dated the day after the last one ended', () => {
    const wiltshire = kb.places.get('E38000206', { kind: 'ccg' });
    const steps = chain(kb, wiltshire as NonNullable<typeof wiltshire>).map((s) => [
      s.on,
      s.to.map((p) => p.name),
    ]);
    expect(steps).toEqual([
      ['2020-04-01', ['NHS Bath and North East Somerset, Swindon and Wiltshire CCG']],
      ['2022-07-01', ['NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board']],
    ]);
  });

  it('names as what a body became the body it went into next, then says what that became', () => {
    const central = kb.places.get('E38000032', { kind: 'ccg' }) as NonNullable<
      ReturnType<typeof kb.places.get>
    >;
    const b = became(kb, central);
    expect(b.bodies.map((n) => n.name)).toEqual(['NHS Manchester CCG']);
    expect(b.lines).toHaveLength(2);
    expect(b.lines[1]).toMatch(
      /^On 1 July 2022, when CCGs were abolished, NHS Manchester CCG passed its work/,
    );
  });

  it('gives what a body took over from, leaving out its own ONS recode', () => {
    const wy = kb.places.get('E54000054', { kind: 'icb' });
    expect(
      formedFrom(kb, wy as NonNullable<typeof wy>)
        .map((p) => p.name)
        .sort(),
    ).toEqual([
      'NHS Bradford District and Craven CCG',
      'NHS Calderdale CCG',
      'NHS Kirklees CCG',
      'NHS Leeds CCG',
      'NHS Wakefield CCG',
    ]);
    const surrey = kb.places.get('E54000063', { kind: 'icb' });
    expect(formedFrom(kb, surrey as NonNullable<typeof surrey>).every((p) => p.kind === 'ccg')).toBe(true);
    expect(codes(kb.places.predecessors('S9B9J'))).toEqual(['E54000034', 'E54000063', 'E54000064']);
  });

  it('gives the region at a date, by the CCG lookup or the ICB', () => {
    const kernow = kb.places.get('E38000089', { kind: 'ccg' }) as NonNullable<
      ReturnType<typeof kb.places.get>
    >;
    expect(kb.places.regionAt(kernow, '2016-07-01')?.name).toBe('South of England');
    expect(kb.places.regionAt(kernow, '2019-07-01')?.name).toBe('South West');
    const frimley = kb.places.get('E54000034', { kind: 'icb' }) as NonNullable<typeof kernow>;
    expect(kb.places.regionAt(frimley, '2024-07-01')?.name).toBe('South East');
  });

  it('gives the CCGs or ICBs in a region on a date, across an ONS recode of the region', () => {
    const london = kb.places.get('E40000003', { kind: 'region' }) as NonNullable<
      ReturnType<typeof kb.places.get>
    >;
    expect(kb.places.inRegion(london, 'icb', '2023-01-01')).toHaveLength(5);
    expect(kb.places.inRegion(london, 'icb', '2026-06-01')).toHaveLength(4);
    const midlands = kb.places.get('E40000008', { kind: 'region' }) as typeof london;
    expect(kb.places.inRegion(midlands, 'ccg', '2020-07-01').map((p) => p.name)).toContain('NHS Dudley CCG');
  });

  it('gives the council areas a CCG or sub-ICB location covered, with shares', () => {
    expect(kb.places.councilsIn('E38000225', '2024-06-01').map((s) => [s.place.name, s.share])).toEqual([
      ['Leeds', 1],
    ]);
    expect(kb.places.councilsIn('E38000229', '2019-07-01').map((s) => s.place.name)).toContain('High Peak');
  });

  it('names the manifest sources of the tables, each once, with their addresses', () => {
    const sources = kb.places.sourcesOf(['icbs.csv', 'icbs.csv']);
    expect(sources.length).toBe(new Set(sources.map((s) => s.title)).size);
    expect(sources.map((s) => s.title)).toContain(
      'rcpch/rcpch-nhs-organisations: documentation/docs/developer/icb-history.md (the 16 ODS-verified successions of 1 April 2026)',
    );
    for (const s of sources) expect(s.url).toMatch(/^https:\/\//);
  });
});
