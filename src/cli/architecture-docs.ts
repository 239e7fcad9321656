import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderArchitectureDoc } from './architecture-doc';

/** `npm run docs:architecture`: redraws the layers in docs/architecture.md from their table. */
const file = join(__dirname, '..', '..', 'docs', 'architecture.md');
writeFileSync(file, renderArchitectureDoc(readFileSync(file, 'utf8')));
console.error('docs/architecture.md updated');
