import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataSourceOptions } from '../../src/database/data-source';
import { DEV_P12_PASSWORD, devSubject, selfSignedP12 } from '../../src/seal/dev-seal-certificate';
import { answers200, ROOT, runNode, startNode, Started } from './processes';

/** The bench mints its own tokens with this secret, so it needs no logins. */
export const JWT_SECRET = 'bench-only-jwt-secret-5d0f1c2e9a7b4c3d8e6f';

/** The service's pool size, read from the service's own options so the bare side matches it. */
export const POOL_SIZE = (dataSourceOptions('postgres://localhost/x').extra as { max: number }).max;

export interface ServiceOptions {
  databaseUrl: string;
  port: number;
  dataDir: string;
  logLevel: string;
  logFile: string;
  /** Point the service at a capturing proxy instead of the database itself. */
  viaUrl?: string;
  /** `node --cpu-prof` into this folder: the profile is written when the service exits. */
  cpuProfileDir?: string | null;
}

/**
 * What `npm start` runs the service with: its environment assignments (`MALLOC_ARENA_MAX`)
 * and V8 flags (the heap sizes), which keep its RSS bounded under load (docs/performance.md),
 * read from package.json so that the bench measures the same.
 */
export function startCommand(): { env: Record<string, string>; flags: string[] } {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const words = pkg.scripts.start.split(/\s+/);
  const env: Record<string, string> = {};
  for (const word of words) {
    const assignment = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(word);
    if (!assignment) break;
    env[assignment[1]] = assignment[2];
  }
  return { env, flags: words.filter((word) => word.startsWith('--')) };
}

/** `nest build`, as `npm start` does: the bench measures the built service, not ts-node. */
export function buildService(logFile: string): Promise<number> {
  return runNode([require.resolve('@nestjs/cli/bin/nest.js'), 'build'], logFile);
}

/**
 * The real service, `node <npm start's flags> dist/src/main.js`, configured as in production
 * but for the JWT secret the bench knows; the worker runs in it as by default (without SMTP_URL, mail jobs run and
 * leave the mail in the outbox). Ready at the first 200 of /health.
 */
export function startService(o: ServiceOptions): Promise<Started> {
  const seal = benchSealFile(o.dataDir);
  const start = startCommand();
  return startNode({
    name: 'service',
    args: [
      ...start.flags,
      ...(o.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfileDir}`] : []),
      join(ROOT, 'dist/src/main.js'),
    ],
    env: {
      ...start.env,
      NODE_ENV: 'production',
      PORT: String(o.port),
      DATABASE_URL: o.viaUrl ?? o.databaseUrl,
      DATA_DIR: o.dataDir,
      JWT_SECRET,
      LOG_LEVEL: o.logLevel,
      PUBLIC_BASE_URL: `http://127.0.0.1:${o.port}`,
      RUN_WORKER: 'true',
      SEAL_P12_PATH: seal,
      SEAL_P12_PASSWORD: DEV_P12_PASSWORD,
    },
    logFile: o.logFile,
    quietStdout: true,
    ready: () => answers200(`http://127.0.0.1:${o.port}/health`),
  });
}

/**
 * Production refuses to start without a seal (SEAL_P12_PATH): the bench's own self-signed one,
 * made once in the data folder and kept, so restarts and reruns sign with the same certificate.
 */
function benchSealFile(dataDir: string): string {
  const path = join(dataDir, 'bench-seal.p12');
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path, selfSignedP12(devSubject('基准测试调解中心'), DEV_P12_PASSWORD), {
      mode: 0o600,
    });
  }
  return path;
}

export function startBare(databaseUrl: string, port: number, logFile: string): Promise<Started> {
  return startNode({
    name: 'bare',
    args: ['-r', 'ts-node/register/transpile-only', join(__dirname, 'bare-server.ts')],
    env: {
      DATABASE_URL: databaseUrl,
      JWT_SECRET,
      PORT: String(port),
      POOL_SIZE: String(POOL_SIZE),
      NODE_ENV: 'production',
    },
    logFile,
    ready: 'stdout',
  });
}
