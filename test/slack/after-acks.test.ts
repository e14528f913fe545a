import { describe, expect, it } from 'vitest';
import { AfterAcks } from '../../adapters/after-acks.js';

describe('AfterAcks', () => {
  it('starts jobs in order, each after work already queued for the event loop', async () => {
    const later = new AfterAcks();
    const seen: string[] = [];
    const a = later.run(async () => {
      seen.push('a');
      return 1;
    });
    const b = later.run(async () => {
      seen.push('b');
      return 2;
    });
    // Stands for a request that was ready: handled before the first job starts.
    setImmediate(() => seen.push('ready'));
    seen.push('given');
    expect(await Promise.all([a, b])).toEqual([1, 2]);
    expect(seen).toEqual(['given', 'a', 'ready', 'b']);
  });

  it("passes a failing job's error on, and runs the next job anyway", async () => {
    const later = new AfterAcks();
    const failed = later.run(async () => {
      throw new Error('no');
    });
    const next = later.run(async () => 'yes');
    await expect(failed).rejects.toThrow('no');
    await expect(next).resolves.toBe('yes');
  });

  it('runs a job at once when more than the limit wait, so the backlog stays bounded', async () => {
    const later = new AfterAcks(1);
    const seen: string[] = [];
    const queued = later.run(async () => void seen.push('queued'));
    const inline = later.run(async () => void seen.push('inline'));
    expect(seen).toEqual(['inline']);
    expect(later.size).toBe(1);
    await Promise.all([queued, inline]);
    expect(seen).toEqual(['inline', 'queued']);
  });
});
