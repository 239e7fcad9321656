import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'dotenv';
import { PDFParse } from 'pdf-parse';
import { startTestApp, TestApp } from './harness';
import { pdfsig } from './support/agreements';

const root = resolve(__dirname, '..', '..');

beforeAll(async () => {
  const workerPath = join(dirname(require.resolve('pdf-parse')), 'pdf.worker.mjs');
  Object.assign(globalThis, { pdfjsWorker: await import(workerPath) });
});

function runDemo(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', join('src', 'cli', 'demo.ts')],
      { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (chunk) => (out += String(chunk)));
    child.stderr.on('data', (chunk) => (out += String(chunk)));
    const timer = setTimeout(() => child.kill('SIGKILL'), 100_000);
    child.once('error', fail);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, out });
    });
  });
}

describe('npm run demo', () => {
  let t: TestApp;
  // The admin the demo signs in as is the one .env.example names.
  const example = parse(readFileSync(join(root, '.env.example')));
  const admin = { ADMIN_EMAIL: example.ADMIN_EMAIL, ADMIN_PASSWORD: example.ADMIN_PASSWORD };

  beforeAll(async () => {
    t = await startTestApp(admin);
  });
  afterAll(() => t.close());

  // Its own timeout: the demo builds nothing but walks every step, and waits for its session to begin.
  it('walks a case through all five steps to settlement and writes a PDF that reads back', async () => {
    const outDir = mkdtempSync(join(process.env.TEST_ROOT ?? tmpdir(), 'demo-out-'));
    const { code, out } = await runDemo({
      ...admin,
      DEMO_BASE_URL: (await t.app.getUrl()).replace('[::1]', '127.0.0.1'),
      DEMO_OUT_DIR: outDir,
    });
    expect({ code, out }).toMatchObject({ code: 0 });
    for (const step of ['申请调解', '信息审核', '通知对方', '调解会议', '达成协议']) {
      expect(out).toContain(step);
    }
    expect(out).toMatch(/status: settled/);
    expect(out).toMatch(/mediator\s+may: reschedule_session, cancel_session/);

    const files = readdirSync(outDir);
    expect(files).toHaveLength(1);
    const pdf = readFileSync(join(outDir, files[0]));
    const [sealed] = await t.dataSource.query(
      `SELECT c.case_number, c.status, v.sealed_sha256
         FROM agreement_versions v JOIN cases c ON c.id = v.case_id`,
    );
    expect(sealed.status).toBe('settled');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(sealed.sealed_sha256);

    const parser = new PDFParse({ data: new Uint8Array(pdf) });
    const text = (await parser.getText()).text.replace(/\s+/g, '');
    await parser.destroy();
    for (const s of ['调解协议书', sealed.case_number, '张伟', '人民币8000.00元', '666.74']) {
      expect(text).toContain(s);
    }
    expect(out).toMatch(/mediator confirms → settled/);
    expect(out).toMatch(/electronic seal: valid/);
    // poppler's own reader: signed, and nothing changed since.
    const report = pdfsig(pdf);
    expect(report).toMatch(/Signature Validation: Signature is Valid\./);
    expect(report).toMatch(/Total document signed/);
  }, 240_000);
});
