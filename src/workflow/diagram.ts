import { TRANSITIONS } from './transitions';

const BEGIN = '<!-- BEGIN GENERATED: npm run docs:workflow -->';
const END = '<!-- END GENERATED -->';

/** The Mermaid state diagram of the transition table. */
export function workflowDiagram(): string {
  const lines = ['stateDiagram-v2', '    [*] --> submitted: file (borrower)'];
  for (const t of TRANSITIONS) {
    const label = `${t.action} (${t.actor.join(', ')})`;
    for (const from of t.from) {
      const to = t.to === 'same' ? from : t.to;
      lines.push(`    ${from} --> ${to}: ${label}`);
    }
  }
  for (const end of ['settled', 'rejected', 'withdrawn', 'unsuccessful'])
    lines.push(`    ${end} --> [*]`);
  return lines.join('\n');
}

/** The actions as a Markdown table. */
export function actionTable(): string {
  const rows = TRANSITIONS.map((t) => {
    const closure = 'closureReason' in t && t.closureReason ? ` (${t.closureReason})` : '';
    return `| \`${t.action}\` | ${t.actor.join(', ')} | ${t.from.join(', ')} | ${t.to}${closure} | ${t.input?.name ?? '—'} | ${t.notify.join(', ') || '—'} | ${t.effects.join(', ') || '—'} |`;
  });
  return [
    '| action | actor | from | to | input | notified | effects |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** docs/workflow.md with its generated block replaced. */
export function renderWorkflowDoc(current: string): string {
  const block = `${BEGIN}\n\n\`\`\`mermaid\n${workflowDiagram()}\n\`\`\`\n\n${actionTable()}\n\n${END}`;
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (start < 0 || end < 0) throw new Error('docs/workflow.md lost its generated-block markers');
  return current.slice(0, start) + block + current.slice(end + END.length);
}
