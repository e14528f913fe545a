/** "Today" for every benchmark, so questions without a date give the same answers on any day. */
export const TODAY = new Date('2026-11-01T12:00:00Z');
