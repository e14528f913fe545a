// Only for bench/end-to-end.ts, which imports from here: the Slack stand-in and its request helpers
// are test/stand-ins/slack.ts. Delete this file once the bench imports from there.
export { mentionEvent, signedHeaders } from '../../stand-ins/slack.js';
