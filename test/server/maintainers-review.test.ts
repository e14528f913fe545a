import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSource } from '../../src/cli/report.js';
import { createEngine, DEFAULT_KNOWLEDGE_DIR } from '../../src/engine.js';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import { isLoopbackAddress } from '../../src/server/maintainers/access.js';
import { readMaintainersData } from '../../src/server/maintainers/data.js';
import { maintainersPage } from '../../src/server/maintainers/page.js';
import { overdueEras, reviewByOf } from '../../src/server/maintainers/review.js';
import { jsonlTickets } from '../../src/stores/jsonl-tickets.js';
import { createTicketDesk } from '../../src/tickets/desk.js';

// Every era not yet law carries `reviewBy`; the page lists those whose date has passed.

/** The shipped knowledge with review dates added to health visiting's eras, as the schema may allow. */
async function withReviewDates(dates: (string | undefined)[]): Promise<KnowledgeBase> {
  const kb = (await createEngine()).knowledge();
  const topics = kb.topics.map((t) =>
    t.id === 'health-visiting'
      ? { ...t, eras: t.eras.map((era, i) => (dates[i] ? { ...era, reviewBy: dates[i] } : era)) }
      : t,
  );
  return { ...kb, topics, topicById: new Map(topics.map((t) => [t.id, t])) };
}

describe('eras past their review date', () => {
  it('are read from reviewBy, and the shipped knowledge has none past its date', async () => {
    const shipped = (await createEngine()).knowledge();
    expect(overdueEras(shipped, '2026-12-02')).toEqual({ overdue: [], anyDates: true });
    const kb = await withReviewDates([undefined, '2026-06-30', '2027-01-31']);
    const eras = kb.topicById.get('health-visiting')?.eras ?? [];
    expect(eras.map(reviewByOf)).toEqual([undefined, '2026-06-30', '2027-01-31']);
    const { overdue, anyDates } = overdueEras(kb, '2026-12-02');
    expect(anyDates).toBe(true);
    expect(overdue).toEqual([
      expect.objectContaining({ topicId: 'health-visiting', index: 1, reviewBy: '2026-06-30' }),
    ]);
  });

  it('are listed on the page with the era’s own file and line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wc-review-'));
    try {
      const data = await readMaintainersData({
        tickets: createTicketDesk(await jsonlTickets(dir)),
        log: fileSource(dir),
        kb: await withReviewDates([undefined, '2026-06-30']),
        knowledgeDir: DEFAULT_KNOWLEDGE_DIR,
        today: '2026-12-02',
      });
      const eraLine = data.places.get('health-visiting')?.eras[1];
      expect(eraLine).toBeGreaterThan(data.places.get('health-visiting')?.line ?? Infinity);
      const page = maintainersPage(data);
      const section = page.slice(page.indexOf('id="review"'));
      expect(section).toContain(`public-health.yaml line ${eraLine}`);
      expect(section).toContain('30 June 2026');
      expect(section).toContain('href="/maintainers/topics/health-visiting"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('who counts as this machine', () => {
  it('is decided by loopback addresses only', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])
      expect(isLoopbackAddress(address)).toBe(true);
    for (const address of ['10.0.0.5', '::ffff:10.0.0.5', '192.168.1.2', 'fe80::1', '', undefined])
      expect(isLoopbackAddress(address)).toBe(false);
  });
});
