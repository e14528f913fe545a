import type { AnswerPart } from '../schemas/answer.js';
import type { Role, Status } from '../schemas/topic.js';

const MONTH_NAMES = [
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

/** 2013-04-01 → "1 April 2013" (the form NHS documents use); read from the string, so no time zone shifts it. */
export function longDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = match ? MONTH_NAMES[Number(match[2]) - 1] : undefined;
  return match && month ? `${Number(match[3])} ${month} ${match[1]}` : iso;
}

/** An era's dates as people write them: "until 31 March 2013", "from 1 April 2013 to 30 September 2015". */
export function eraRange(from: string | undefined, to: string | undefined): string {
  if (from && to) return `from ${longDate(from)} to ${longDate(to)}`;
  if (from) return `from ${longDate(from)}`;
  if (to) return `until ${longDate(to)}`;
  return 'throughout';
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** How each role reads in an answer, for an arrangement that still holds and for one that has ended. */
export const ROLE_TEXT: Record<Role, [present: string, past: string]> = {
  commissions: ['commissions it', 'commissioned it'],
  jointly: ['commissions it jointly', 'commissioned it jointly'],
  delegated: [
    'commissions it under delegation from NHS England',
    'commissioned it under delegation from NHS England',
  ],
  retains: ['keeps it', 'kept it'],
  accountable: ['stays accountable in law', 'stayed accountable in law'],
  advises: ['advises, but does not commission', 'advised, but did not commission'],
  subject: ['is one of the bodies concerned', 'was one of the bodies concerned'],
};

export const STATUS_TEXT: Partial<Record<Status, string>> = {
  planned: 'Planned, not confirmed in effect',
  proposed: 'Proposed in a bill, not law',
  announced: 'Announced by the government, not yet in effect',
  approved: 'Approved, not verified in effect',
  superseded: 'Superseded, never took effect',
};

/** The same day n years on; 29 February becomes 28 February in a year that has none. */
export function shiftYears(iso: string, years: number): string {
  const year = Number(iso.slice(0, 4)) + years;
  const rest = iso.slice(4);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${year}${rest === '-02-29' && !leap ? '-02-28' : rest}`;
}

/** The same day n months on, or the month's last day where it has fewer days ("31 January" + 1 month). */
export function shiftMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** "Health visiting · 1 April 2014 · fully delegated CCG": what was read, so a person can see a misreading. */
export function readAs(
  part: Pick<AnswerPart, 'topic' | 'asOfText' | 'asOfSource' | 'conditionsAsked'>,
): string {
  if (!part.topic) return '';
  const when = part.asOfSource === 'today' ? `${part.asOfText} (today)` : part.asOfText;
  return [part.topic.title, when, ...part.conditionsAsked].join(' · ');
}
