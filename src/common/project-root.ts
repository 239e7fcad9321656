import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/**
 * The folder holding `package.json` and `templates/`. Found by walking up rather than by a
 * fixed `../..` because this file runs from `src/common` under ts-node and jest, and from
 * `dist/src/common` after `nest build`.
 */
export function projectRoot(start: string = __dirname): string {
  const useCache = start === __dirname;
  if (useCache && cached) return cached;
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates'))) {
      if (useCache) cached = dir;
      return dir;
    }
    if (dirname(dir) === dir) {
      throw new Error(`no folder with package.json and templates/ above ${start}`);
    }
  }
}
