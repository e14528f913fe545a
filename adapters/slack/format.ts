import type { Answer } from '../../src/schemas/answer.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 2017-06-01 → 1 June 2017, read from the string so no time zone can shift the day. */
export function formatDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) return isoDate;
  return `${Number(match[3])} ${month} ${match[1]}`;
}

type Role = Answer['commissioners'][number]['role'];

/** How each role reads after a body's name: "NHS England — commissions it". */
export const ROLE_LABELS: Record<Role, string> = {
  commissions: 'commissions it',
  jointly: 'commissions it jointly',
  delegated: 'commissions it under delegation',
  retains: 'keeps responsibility for it',
  accountable: 'remains accountable in law',
  advises: 'advises',
  subject: 'is the body the change is about',
};

type EraStatus = NonNullable<Answer['eraStatus']>;

/** Only answers that are not yet law get a label; in-force and historic answers are plain fact. */
export const STATUS_LABELS: Partial<Record<EraStatus, string>> = {
  planned: 'Planned: not yet in force',
  proposed: 'Proposed: not yet decided',
  announced: 'Announced: not yet in law',
};

export const AS_OF_REASONS: Record<Answer['asOfSource'], string> = {
  given: 'the date you chose',
  text: 'the date in your question',
  today: 'today',
};
