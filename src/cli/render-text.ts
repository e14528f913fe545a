import type { Answer, AnswerPart } from '../schemas/answer.js';
import { timelineWords } from '../timeline-words.js';

const commissionerLine = (c: AnswerPart['commissioners'][number]) =>
  `  • ${c.localName ? `${c.localName} (${c.name})` : c.name} ${c.roleText}${c.condition ? `, where ${c.condition}` : ''}${c.note ? ` (${c.note})` : ''}`;

/** What one thing asked carries of its own: its history, what changed, and topics to see too. */
function history(part: AnswerPart, lines: string[]): void {
  if (part.timeline.length > 0)
    lines.push('', 'Who held it over time:', ...timelineWords(part).map((l) => `  - ${l}`));
  if (part.changes.length > 0) lines.push('', 'What changed:', ...part.changes.map((c) => `  - ${c}`));
  if (part.seeAlso?.length) lines.push('', `See also: ${part.seeAlso.map((o) => o.title).join('; ')}`);
}

/** A compound question: each thing asked gets its own block, titled, with its own date and history. */
function partBlocks(parts: AnswerPart[], lines: string[]): void {
  for (const part of parts) {
    lines.push(`${part.topic?.title ?? ''} (as of ${part.asOfText})`);
    if (part.status === 'answered' && part.statusText) lines.push(part.statusText.toUpperCase());
    lines.push(part.text, ...part.commissioners.map(commissionerLine));
    history(part, lines);
    lines.push('');
  }
  lines.pop();
}

/** The Answer as a person reads it in a terminal. */
export function renderText(answer: Answer): string {
  const lines: string[] = [];
  const title = answer.topic ? `${answer.topic.title} ` : '';
  lines.push(`${title}(as of ${answer.asOfText}${answer.asOfSource === 'today' ? ', today' : ''})`);
  if (answer.followUp) lines.push(`↳ ${answer.followUp}`);
  if (answer.status === 'answered' && answer.readAs) lines.push(`Read as: ${answer.readAs}`);
  if (answer.statusText) lines.push(`${answer.statusText.toUpperCase()}`);
  lines.push('');
  const parts = answer.parts && answer.parts.length > 1 ? answer.parts : undefined;
  if (parts) partBlocks(parts, lines);
  else {
    lines.push(answer.text);
    if (answer.commissioners.length > 0) lines.push('', ...answer.commissioners.map(commissionerLine));
  }
  if (answer.options.length > 0) {
    lines.push('');
    answer.options.forEach((o, i) => {
      lines.push(`  ${i + 1}. ${o.title}`);
    });
  }
  if (!parts) history(answer, lines);
  if (answer.lookInstead) lines.push('', `Where to look: ${answer.lookInstead}`);
  if (answer.sources.length > 0) {
    lines.push('', 'Sources:');
    for (const s of answer.sources)
      lines.push(`  - ${s.title}${s.url ? ` <${s.url}>` : ''}${s.where ? ` (${s.where})` : ''}`);
  }
  return lines.join('\n');
}
