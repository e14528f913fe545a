/** English number words below a hundred: one list, for reading years in words and counts in notes. */
export const NUMBER_WORDS = [
  '',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
] as const;
export const TENS_WORDS = [
  '',
  '',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
];

/** 42 -> "forty-two" (below 100). */
export function inWords(n: number): string | undefined {
  if (n < 20) return NUMBER_WORDS[n] || undefined;
  if (n >= 100) return undefined;
  const tens = TENS_WORDS[Math.floor(n / 10)];
  const unit = NUMBER_WORDS[n % 10];
  return unit ? `${tens}-${unit}` : tens;
}

/** "forty two", "twelve", "nine" -> 0..99 (words it does not know count nothing). */
export function wordsToNumber(text: string): number {
  let n = 0;
  for (const w of text.split(/[\s-]+/)) {
    const small = NUMBER_WORDS.indexOf(w as (typeof NUMBER_WORDS)[number]);
    if (small > 0) n += small;
    else if (TENS_WORDS.indexOf(w) > 1) n += TENS_WORDS.indexOf(w) * 10;
  }
  return n;
}
