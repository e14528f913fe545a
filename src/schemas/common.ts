import { z } from 'zod';

/** Lower-case words joined by hyphens: how every id in the knowledge base is spelt. */
export const Id = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'use lower-case letters, digits and hyphens only, e.g. "gp-contracts"',
  );

function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
  return date.getUTCFullYear() === y && date.getUTCMonth() === (m ?? 0) - 1 && date.getUTCDate() === d;
}

/**
 * Whether a value is a calendar date written YYYY-MM-DD that exists: what `IsoDate` accepts, without
 * zod's failure path (an error object per failed parse), for checks made on every message.
 */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && isRealDate(value);
}

/** A calendar date written YYYY-MM-DD that exists (no 31 June). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'write dates as YYYY-MM-DD, e.g. 2013-04-01', abort: true })
  .refine(isRealDate, 'this date does not exist in the calendar');

/** Non-empty text, trimmed. */
export const Text = z.string().trim().min(1, 'must not be empty');
