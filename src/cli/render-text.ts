import type { Answer } from '../schemas/answer.js';

/** The Answer as a person reads it in a terminal. */
export function renderText(answer: Answer): string {
  const lines: string[] = [];
  const title = answer.topic ? `${answer.topic.title} ` : '';
  lines.push(`${title}(as of ${answer.asOfText}${answer.asOfSource === 'today' ? ', today' : ''})`);
  if (answer.followUp) lines.push(`↳ ${answer.followUp}`);
  if (answer.status === 'answered' && answer.readAs) lines.push(`Read as: ${answer.readAs}`);
  if (answer.statusText) lines.push(`${answer.statusText.toUpperCase()}`);
  lines.push('');
  if (answer.parts && answer.parts.length > 1) {
    // A compound question: each thing asked gets its own block, titled, with its own date.
    for (const part of answer.parts) {
      lines.push(`${part.topic?.title ?? ''} (as of ${part.asOfText})`, part.text);
      for (const c of part.commissioners)
        lines.push(
          `  • ${c.name} ${c.roleText}${c.condition ? `, where ${c.condition}` : ''}${c.note ? ` (${c.note})` : ''}`,
        );
      lines.push('');
    }
    lines.pop();
  } else lines.push(answer.text);
  if (answer.commissioners.length > 0 && !(answer.parts && answer.parts.length > 1)) {
    lines.push('');
    for (const c of answer.commissioners) {
      lines.push(
        `  • ${c.name} ${c.roleText}${c.condition ? `, where ${c.condition}` : ''}${c.note ? ` (${c.note})` : ''}`,
      );
    }
  }
  if (answer.options.length > 0) {
    lines.push('');
    answer.options.forEach((o, i) => {
      lines.push(`  ${i + 1}. ${o.title}`);
    });
  }
  if (answer.changes.length > 0) {
    lines.push('', 'What changed:');
    for (const c of answer.changes) lines.push(`  - ${c}`);
  }
  if (answer.seeAlso?.length) lines.push('', `See also: ${answer.seeAlso.map((o) => o.title).join('; ')}`);
  if (answer.lookInstead) lines.push('', `Where to look: ${answer.lookInstead}`);
  if (answer.sources.length > 0) {
    lines.push('', 'Sources:');
    for (const s of answer.sources)
      lines.push(`  - ${s.title}${s.url ? ` <${s.url}>` : ''}${s.where ? ` (${s.where})` : ''}`);
  }
  return lines.join('\n');
}
