import type { Answer } from '../schemas/answer.js';

const ROLE: Record<string, string> = {
  commissions: 'commissions',
  jointly: 'jointly',
  delegated: 'delegated',
  retains: 'keeps',
  accountable: 'accountable',
  advises: 'advises',
  subject: '',
};

/** The Answer as a person reads it in a terminal. */
export function renderText(answer: Answer): string {
  const lines: string[] = [];
  const title = answer.topic ? `${answer.topic.title} ` : '';
  lines.push(`${title}(as of ${answer.asOf}${answer.asOfSource === 'today' ? ', today' : ''})`);
  lines.push('');
  lines.push(answer.text);
  if (answer.commissioners.length > 0) {
    lines.push('');
    for (const c of answer.commissioners) {
      const role = ROLE[c.role] ? ` [${ROLE[c.role]}]` : '';
      lines.push(`  • ${c.name}${role}${c.condition ? ` — ${c.condition}` : ''}`);
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
  if (answer.lookInstead) lines.push('', `Where to look: ${answer.lookInstead}`);
  if (answer.sources.length > 0) {
    lines.push('', 'Sources:');
    for (const s of answer.sources) lines.push(`  - ${s.title}${s.url ? ` <${s.url}>` : ''}`);
  }
  return lines.join('\n');
}
