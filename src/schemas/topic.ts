import { z } from 'zod';
import { Id, IsoDate, Text } from './common.js';

export const Role = z.enum([
  'commissions',
  'jointly',
  'delegated',
  'retains',
  'accountable',
  'advises',
  'subject',
]);
export type Role = z.infer<typeof Role>;

/**
 * in-force and historic are law or fact; planned, approved, proposed and announced are not yet in
 * effect; superseded is a plan that was replaced before it took effect.
 */
export const Status = z.enum([
  'in-force',
  'historic',
  'planned',
  'approved',
  'proposed',
  'announced',
  'superseded',
]);
export type Status = z.infer<typeof Status>;

/** Statuses of changes not yet in effect: shown as pending, never as the answer in law. */
export const PENDING: ReadonlySet<Status> = new Set<Status>(['planned', 'approved', 'proposed', 'announced']);

/** Statuses that are not the law on their dates: pending ones and superseded plans (never a holder). */
export const NOT_LAW: ReadonlySet<Status> = new Set<Status>([...PENDING, 'superseded']);

/** A body's part in an era, optionally only where a condition holds. */
export const Holder = z.strictObject({
  body: Id.describe('Id of a body in bodies.yaml.'),
  role: Role.default('commissions'),
  when: z
    .record(Id, z.union([Id, z.array(Id)]))
    .optional()
    .describe('Only where these conditions hold, e.g. { cocommissioning: delegated }.'),
  note: Text.optional().describe(
    'Shown with this body in the answer, e.g. "For the 59 services in joint committees."',
  ),
});
export type Holder = z.infer<typeof Holder>;

/** Who held a responsibility between two dates. */
export const Era = z.strictObject({
  from: IsoDate.optional().describe('First day; leave out for "since before 2013".'),
  to: IsoDate.optional().describe('Last day; leave out while it still holds.'),
  status: Status.default('in-force'),
  reviewBy: IsoDate.optional().describe(
    'Required unless in-force or historic: the day to check the plan again; kb:check warns once it has passed.',
  ),
  checked: IsoDate.optional().describe(
    'The day a maintainer last checked a plan against its sources; answers say "last checked" this date.',
  ),
  by: Text.optional().describe(
    'Required unless in-force, historic or superseded: the instrument that plans, proposes or announces it, e.g. "NHS England\'s Direct commissioning update (PRN02352)" or "the Health Bill 2026-27".',
  ),
  needs: Text.optional().describe(
    'What it still needs before it can take effect, e.g. "Parliament" or "government approval".',
  ),
  holders: z.array(Holder).min(1, 'name at least one body that holds it'),
  note: Text.describe('One or two sentences, in your own words, shown with the answer.'),
  sources: z.array(Id).min(1, 'every era needs at least one source id from sources.yaml'),
});
export type Era = z.infer<typeof Era>;

/** A responsibility, or a change people ask about, with its history. */
export const Topic = z.strictObject({
  id: Id,
  title: Text,
  kind: z
    .enum(['service', 'change', 'body'])
    .default('service')
    .describe('service: who commissions X; change or body: a question about an event or an organisation.'),
  phrasings: z.array(Text).default([]).describe('Other ways people name it, in their words.'),
  keywords: z.array(Text).default([]).describe('Distinctive words and terms: abbreviations, service names.'),
  related: z
    .array(Id)
    .default([])
    .describe('Topics people often confuse with this one; answers offer them as "see also".'),
  eras: z.array(Era).min(1, 'a topic needs at least one era'),
});
export type Topic = z.infer<typeof Topic>;
