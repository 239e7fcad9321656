import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './project-root';

describe('projectRoot', () => {
  it('finds the folder with package.json and templates/ from src/ (and so from dist/src/)', () => {
    const root = projectRoot();
    expect(existsSync(join(root, 'package.json'))).toBe(true);
    expect(existsSync(join(root, 'templates', 'mail'))).toBe(true);
    expect(projectRoot(join(root, 'dist', 'src', 'common'))).toBe(root);
  });

  it('says where it looked when there is no project above', () => {
    const dir = mkdtempSync(join(tmpdir(), 'no-project-'));
    try {
      expect(() => projectRoot(dir)).toThrow(
        `no folder with package.json and templates/ above ${dir}`,
      );
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
