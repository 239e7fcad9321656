import { mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../common/config/config';
import { sha256Hex } from '../common/hash';
import { AgreementStorage, STORED_BYTES_KEPT } from './agreement-storage';

describe('AgreementStorage', () => {
  let dir: string;
  let storage: AgreementStorage;
  const pdf = (n: number, size = 110_000) => Buffer.alloc(size, n % 251);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'agreements-'));
    storage = new AgreementStorage({ dataDir: dir } as AppConfig);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a stored file whose bytes are not the recorded ones', async () => {
    const path = await storage.write('c1', 1, 'draft', pdf(1));
    await expect(storage.read(path, sha256Hex(pdf(2)))).rejects.toThrow(/has SHA-256/);
    // Refused bytes are not kept: asked again with the right hash, the file is read and checked.
    expect(await storage.read(path, sha256Hex(pdf(1)))).toEqual(pdf(1));
  });

  it('serves a file read lately from memory, and forgets the oldest past its bound', async () => {
    const count = Math.ceil(STORED_BYTES_KEPT / 110_000) + 5;
    const paths: string[] = [];
    for (let n = 0; n < count; n++) {
      paths.push(await storage.write(`c${n}`, 1, 'sealed', pdf(n)));
    }
    expect(await storage.read(paths[0], sha256Hex(pdf(0)))).toEqual(pdf(0));
    unlinkSync(join(dir, paths[0]));
    expect(await storage.read(paths[0], sha256Hex(pdf(0)))).toEqual(pdf(0));

    for (let n = 1; n < count; n++) await storage.read(paths[n], sha256Hex(pdf(n)));
    // The first file went out of memory; its file is gone, so reading it fails now.
    await expect(storage.read(paths[0], sha256Hex(pdf(0)))).rejects.toThrow(/ENOENT/);
    // The newest are still kept.
    unlinkSync(join(dir, paths[count - 1]));
    expect(await storage.read(paths[count - 1], sha256Hex(pdf(count - 1)))).toEqual(pdf(count - 1));
  });

  it('does not keep a file too large to share the bound with others', async () => {
    const big = pdf(7, STORED_BYTES_KEPT / 2);
    const path = await storage.write('big', 1, 'sealed', big);
    await storage.read(path, sha256Hex(big));
    unlinkSync(join(dir, path));
    await expect(storage.read(path, sha256Hex(big))).rejects.toThrow(/ENOENT/);
  });
});
