import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/common/net';
import { selfSignedP12 } from '../../src/seal/dev-seal-certificate';
import { exited, healthy, startService } from './service-process';

// Removed with the test database at the end of the run.
const TMP = process.env.TEST_ROOT ?? tmpdir();

describe('starting the service', () => {
  it('stops with one line naming a bad variable', async () => {
    const { child, output } = startService({
      MEDIATION_TERM: '30 days',
      DATA_DIR: mkdtempSync(join(TMP, 'cfg-')),
    });
    expect(await exited(child)).toBe(1);
    expect(output().trim()).toBe(
      'configuration error: MEDIATION_TERM: expected working days such as 7wd or calendar days such as P30D (1 to 366), got "30 days"',
    );
  });

  // Only root hands the server to the `postgres` user; others own their folders.
  if (process.getuid?.() === 0) {
    it('says which folder the database cannot reach', async () => {
      const { child, output } = startService({
        DATA_DIR: join(mkdtempSync(join(TMP, 'private-')), 'data'),
      });
      expect(await exited(child)).toBe(1);
      expect(output()).toMatch(
        /DATA_DIR .*: the folder \S*\/private-\w+ is not reachable by the postgres user/,
      );
    });
  }

  it('refuses production without JWT_SECRET', async () => {
    const { child, output } = startService({
      NODE_ENV: 'production',
      DATA_DIR: mkdtempSync(join(TMP, 'cfg-')),
    });
    expect(await exited(child)).toBe(1);
    expect(output().trim()).toBe(
      'configuration error: JWT_SECRET: required when NODE_ENV=production',
    );
  });

  it('stops with one line when the seal password does not open the certificate', async () => {
    const dir = mkdtempSync(join(TMP, 'cfg-'));
    const p12 = join(dir, 'seal.p12');
    const subject = { commonName: '测试调解中心', organization: '测试调解中心', country: 'CN' };
    writeFileSync(p12, selfSignedP12(subject, 'the-right-one'));
    const { child, output } = startService({
      DATA_DIR: dir,
      SEAL_P12_PATH: p12,
      SEAL_P12_PASSWORD: 'a-wrong-one',
    });
    expect(await exited(child)).toBe(1);
    expect(output().trim()).toMatch(
      /^configuration error: SEAL_P12_PASSWORD: does not open the PKCS#12 file SEAL_P12_PATH \(.*password.*\)$/,
    );
    expect(output().trim().split('\n')).toHaveLength(1);
  });

  it('keeps its data across Ctrl-C and kill -9 on the embedded PostgreSQL', async () => {
    const parent = mkdtempSync(join(TMP, 'mediation-start-'));
    chmodSync(parent, 0o755);
    const dataDir = join(parent, 'data');
    const port = await freePort();
    const env = { DATA_DIR: dataDir, PORT: String(port) };
    const email = `persist.${Date.now()}@example.test`;

    let run = startService(env);
    try {
      await healthy(port, run);
      const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'admin@mediation.local', password: 'change-me-admin-2026' }),
      });
      expect(login.status).toBe(200);
      const { accessToken } = (await login.json()) as { accessToken: string };
      const org = await fetch(`http://127.0.0.1:${port}/api/v1/organizations`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ type: 'lender', name: '持久化测试', contactEmail: email }),
      });
      expect(org.status).toBe(201);

      run.child.kill('SIGINT');
      expect(await exited(run.child)).toBe(0);

      run = startService(env);
      await healthy(port, run);
      // The token from before the restart still works: the secret is kept in DATA_DIR.
      const orgs = await fetch(`http://127.0.0.1:${port}/api/v1/organizations?type=lender`, {
        headers: { Authorization: `Bearer ${accessToken}` },
      });
      expect(orgs.status).toBe(200);
      expect(
        ((await orgs.json()) as { name: string }[]).map((o: { name: string }) => o.name),
      ).toContain('持久化测试');

      run.child.kill('SIGKILL');
      await exited(run.child);
      run = startService(env);
      await healthy(port, run);
      const again = await fetch(`http://127.0.0.1:${port}/api/v1/organizations?type=lender`, {
        headers: { Authorization: `Bearer ${accessToken}` },
      });
      expect(
        ((await again.json()) as { name: string }[]).map((o: { name: string }) => o.name),
      ).toContain('持久化测试');
    } finally {
      run.child.kill('SIGINT');
      await exited(run.child);
    }
  }, 600_000);
});
