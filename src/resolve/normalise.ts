import { MATCHER } from './config.js';
import { lastFew } from './memo.js';

/** Case, unicode, apostrophes and dashes made uniform; whitespace collapsed. Keeps digits and "/" for dates. */
export function normalise(input: string): string {
  return normaliseText(input);
}

const normaliseText = lastFew(16, (input: string) =>
  input
    .slice(0, MATCHER.maxQuestionChars)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/&/g, ' and ')
    .replace(/\p{Cc}|\p{Cf}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim(),
);

/** Words only: punctuation becomes space, possessive "'s" dropped. */
export function words(text: string): string[] {
  // A copy: callers may change their list.
  return [...wordsOf(text)];
}

const wordsOf = lastFew(32, (text: string): readonly string[] =>
  text
    .replace(/'s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean),
);

/** A light suffix stripper: enough to join "commissioned"/"commissions", "nurses"/"nursing". */
export function stem(word: string): string {
  let w = word;
  if (/\d/.test(w)) return w;
  // Plural abbreviations: "GPs", "CCGs", "ICBs".
  if (
    w.length <= 5 &&
    /^[a-z]{2,4}s$/.test(w) &&
    /^(gp|ccg|icb|pct|sha|la|hwb|lmc|des|les|lis|sti|ics|irc|yoi)s$/.test(w)
  )
    return w.slice(0, -1);
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(ch|sh|x)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 6 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 5 && w.endsWith('ed')) w = w.slice(0, -2);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** Words that say nothing about which service is meant. Stemmed forms are derived at load. */
export const STOP_WORDS: readonly string[] = [
  'a',
  'an',
  'the',
  'of',
  'in',
  'on',
  'at',
  'for',
  'to',
  'from',
  'by',
  'with',
  'and',
  'or',
  'but',
  'as',
  'into',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'do',
  'does',
  'did',
  'done',
  'has',
  'have',
  'had',
  'will',
  'would',
  'should',
  'could',
  'can',
  'may',
  'might',
  'must',
  'shall',
  'who',
  'whom',
  'whose',
  'whos',
  'which',
  'what',
  'whats',
  'when',
  'where',
  'why',
  'how',
  'that',
  'this',
  'these',
  'those',
  'it',
  'its',
  'they',
  'them',
  'their',
  'there',
  'here',
  'we',
  'us',
  'our',
  'i',
  'me',
  'my',
  'you',
  'your',
  'he',
  'she',
  'her',
  'his',
  'mum',
  'mom',
  'dad',
  'now',
  'then',
  'currently',
  'today',
  'still',
  'also',
  'just',
  'so',
  'e',
  'g',
  'eg',
  'ie',
  'etc',
  'like',
  'such',
  'about',
  'any',
  'some',
  'all',
  'each',
  'other',
  'else',
  'new',
  'commission',
  'commissions',
  'commissioned',
  'commissioning',
  'commissioner',
  'commissioners',
  'commisioner',
  'responsible',
  'responsibility',
  'responsibilities',
  'job',
  'role',
  'budget',
  'pay',
  'pays',
  'paid',
  'funds',
  'fund',
  'funded',
  'buy',
  'buys',
  'bought',
  'purchase',
  'purchases',
  'run',
  'runs',
  'handle',
  'handles',
  'decide',
  'decides',
  'decision',
  'organise',
  'organises',
  'organize',
  'in charge',
  'charge',
  'body',
  'bodies',
  'organisation',
  'organization',
  'nhs',
  'service',
  'services',
  'england',
  'english',
  'local',
  'area',
  'patch',
  'please',
  'thanks',
  'think',
  'know',
  'ask',
  'tell',
  'need',
  'want',
  'get',
  'got',
  'go',
  'goes',
  'help',
  'question',
  'answer',
  'sign',
  'off',
  'signs',
  'look',
  'after',
  'before',
  'since',
  'until',
  'year',
  'years',
  'back',
  'during',
  'under',
  'between',
  'whether',
  'if',
  'not',
  'no',
  'yes',
  'one',
  'only',
  'very',
  'really',
  'exactly',
  'ours',
  'programme',
  'program',
  'programmes',
  'provision',
  'provide',
  'provides',
  'provided',
  'make',
  'makes',
  'take',
  'takes',
  'took',
  'manage',
  'manages',
  'managed',
  'managing',
  'called',
  'went',
  'gone',
  'came',
  'come',
  'comes',
  'happen',
  'happened',
  'mean',
  'means',
  'right',
  'kind',
  'type',
  'lead',
  'led',
  'leads',
];
