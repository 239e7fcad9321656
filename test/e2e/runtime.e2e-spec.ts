import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { satisfies } from 'semver';
import { startTestApp } from './harness';

/**
 * The project runs on the Node that `npm install` fetched (the registry's `node` package,
 * node_modules/.bin/node), whatever Node the machine has: every package of the lock must
 * accept it, and the service says which one it is.
 */
const root = join(__dirname, '..', '..');
const read = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));

interface LockEntry {
  version?: string;
  engines?: { node?: string } | string[];
}

describe('the runtime', () => {
  it('is the Node 24 the project asks for', () => {
    const wanted: string = read('package.json').engines.node;
    expect(satisfies(process.versions.node, wanted)).toBe(true);
    expect(process.versions.node.split('.')[0]).toBe('24');
  });

  it('satisfies the engines of every package in the lock', () => {
    const packages: Record<string, LockEntry> = read('package-lock.json').packages;
    const refused = Object.entries(packages).flatMap(([path, entry]) => {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      return range && !satisfies(process.versions.node, range, { includePrerelease: true })
        ? [`${path || 'the project'}@${entry.version ?? ''} wants node ${range}`]
        : [];
    });
    expect(refused).toEqual([]);
  });

  it('is what /health reports', async () => {
    const t = await startTestApp();
    try {
      const res = await t.http().get('/health').expect(200);
      expect(res.body).toMatchObject({ status: 'ok', node: process.version });
    } finally {
      await t.close();
    }
  });
});
