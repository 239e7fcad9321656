import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app';
import type { AppOptions } from '../../src/app.module';
import { AppConfig, parseConfig } from '../../src/common/config/config';
import { dataSourceOptions } from '../../src/database/data-source';
import { UsersService } from '../../src/users/users.service';
import { recordApiExchanges } from './support/openapi-recorder';

export const ADMIN = { email: 'admin@test.local', password: 'admin-password-123' };

/** A database of this test file's own, cloned from the migrated template. */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL!;
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${process.env.TEST_PG_TEMPLATE}`);
  } finally {
    await client.end();
  }
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

/**
 * Instances on one database share their JWT secret, as a real deployment does
 * (and passport's strategies are process-wide, so two apps in one test process
 * must agree on it).
 */
const secrets = new Map<string, string>();

export function testConfig(databaseUrl: string, env: Record<string, string> = {}): AppConfig {
  if (!secrets.has(databaseUrl)) secrets.set(databaseUrl, randomBytes(32).toString('hex'));
  const config = parseConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATA_DIR: mkdtempSync(join(process.env.TEST_ROOT ?? tmpdir(), 'app-')),
    JWT_SECRET: secrets.get(databaseUrl)!,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'silent',
    PORT: '0',
    // Every test signs many people up from 127.0.0.1; the limits' own tests set them low.
    REGISTRATIONS_PER_HOUR: '100000',
    FILINGS_PER_HOUR: '100000',
    UPLOADS_PER_HOUR: '100000',
    VERIFICATIONS_PER_HOUR: '100000',
    // argon2 at its test floor: the suite signs thousands in (production's floor is OWASP's).
    PASSWORD_HASH_MEMORY_KIB: '1024',
    PASSWORD_HASH_TIME_COST: '1',
    // Statistics computed on every request, so a test sees the case it just filed; the
    // snapshot's own tests (stats-snapshots.e2e-spec.ts) set the real ages.
    STATS_REFRESH_SECONDS: '0',
    STATS_MAX_AGE_SECONDS: '0',
    // Tests change accounts behind the service's back (SQL); the cache's own test sets it.
    PRINCIPAL_CACHE_SECONDS: '0',
    ...env,
  });
  return config;
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  dataSource: DataSource;
  databaseUrl: string;
  http: () => TestAgent;
  close(): Promise<void>;
}

/** The real app on a real PostgreSQL, listening on a free loopback port. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: AppOptions & { databaseUrl?: string } = {},
): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const config = testConfig(databaseUrl, env);
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, 5));
  await dataSource.initialize();
  const app = await createApp(config, dataSource, options);
  recordApiExchanges(app);
  await app.get(UsersService).ensureAdmin(config.adminEmail, config.adminPassword);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  return {
    app,
    config,
    dataSource,
    databaseUrl,
    http: () => request(url.replace('[::1]', '127.0.0.1')),
    close: async () => {
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
