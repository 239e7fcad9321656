import { TRANSITIONS } from './transitions';

/** The Mermaid state diagram of the transition table, as docs/workflow.md shows it. */
export function workflowDiagram(): string {
  const lines = ['stateDiagram-v2', '    [*] --> submitted: file (borrower)'];
  for (const t of TRANSITIONS) {
    const label = `${t.action} (${t.actor.join(', ')})`;
    for (const from of t.from) {
      if ('partialTo' in t && t.partialTo) lines.push(`    ${from} --> ${t.partialTo}: ${label}`);
      const to = t.to === 'same' ? from : t.to;
      lines.push(`    ${from} --> ${to}: ${label}`);
    }
  }
  for (const end of ['settled', 'rejected', 'withdrawn', 'unsuccessful']) {
    lines.push(`    ${end} --> [*]`);
  }
  return lines.join('\n');
}
