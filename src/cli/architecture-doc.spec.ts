import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';
import { architectureLayers, renderArchitectureDoc, unplacedFolders } from './architecture-doc';

describe('the architecture document', () => {
  it('places every folder of src/ in a layer', () => {
    expect(unplacedFolders()).toEqual([]);
  });

  it('names each folder once', () => {
    const folders = architectureLayers().flatMap((l) => Object.keys(l.folders));
    expect(new Set(folders).size).toBe(folders.length);
  });

  it('is drawn in docs/architecture.md exactly as the layer table says (npm run docs:architecture)', () => {
    const doc = readFileSync(join(projectRoot(), 'docs', 'architecture.md'), 'utf8');
    expect(doc).toBe(renderArchitectureDoc(doc));
  });
});
