import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { sha256Hex } from '../common/hash';

/** The bytes of recently read files kept in memory at most, in all (a sealed PDF is ~110 KB). */
export const STORED_BYTES_KEPT = 8 * 1024 * 1024;

/**
 * Agreement PDFs under `DATA_DIR/agreements/<caseId>/v<n>-draft.pdf` and `-sealed.pdf`.
 *
 * A file is written before its row commits, through a temporary name and a rename, so a path
 * never holds half a file. A rolled-back transaction leaves an orphan file behind that no row
 * names; the case lock means the next attempt for that version overwrites it, never a file a
 * committed row points to.
 */
@Injectable()
export class AgreementStorage {
  /**
   * Files read and checked lately, by path and recorded hash, oldest first. A committed row's
   * file is never rewritten, so the bytes that matched its hash once are the bytes to serve:
   * a clerk's print, both parties' downloads and a lender's integration read the same file.
   */
  private readonly kept = new Map<string, Buffer>();
  private keptBytes = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Writes the bytes; returns the path relative to DATA_DIR, as stored in the row. */
  async write(
    caseId: string,
    version: number,
    copy: 'draft' | 'sealed',
    bytes: Buffer,
  ): Promise<string> {
    const relative = join('agreements', caseId, `v${version}-${copy}.pdf`);
    const path = this.absolute(relative);
    // Personal data: readable by the service's user only.
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, bytes, { flag: 'wx', mode: 0o600 });
    await rename(temporary, path);
    return relative;
  }

  /** Reads a stored PDF and refuses bytes that are not the ones recorded. */
  async read(relative: string, expectedSha256: string): Promise<Buffer> {
    const key = `${expectedSha256} ${relative}`;
    const known = this.kept.get(key);
    if (known) {
      this.kept.delete(key);
      this.kept.set(key, known);
      return known;
    }
    const bytes = await readFile(this.absolute(relative));
    const actual = sha256Hex(bytes);
    if (actual !== expectedSha256) {
      throw new Error(
        `stored agreement ${relative} has SHA-256 ${actual}, recorded ${expectedSha256}`,
      );
    }
    this.keep(key, bytes);
    return bytes;
  }

  private keep(key: string, bytes: Buffer): void {
    if (bytes.length > STORED_BYTES_KEPT / 4 || this.kept.has(key)) return;
    this.kept.set(key, bytes);
    this.keptBytes += bytes.length;
    for (const [oldest, b] of this.kept) {
      if (this.keptBytes <= STORED_BYTES_KEPT) break;
      this.kept.delete(oldest);
      this.keptBytes -= b.length;
    }
  }

  private absolute(relative: string): string {
    return resolve(this.config.dataDir, relative);
  }
}
