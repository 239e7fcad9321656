import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderWorkflowDoc } from '../workflow/diagram';

/** `npm run docs:workflow`: rewrites the derived part of docs/workflow.md from the transition table. */
const file = join(__dirname, '..', '..', 'docs', 'workflow.md');
writeFileSync(file, renderWorkflowDoc(readFileSync(file, 'utf8')));
console.error('docs/workflow.md updated');
