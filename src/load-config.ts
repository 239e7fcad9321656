import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { openSealSource, sealSources } from './seal/seal-source';
import { AppConfig, parseConfig } from './common/config/config';

/**
 * The only reader of `process.env`: `.env` (if present) under the real
 * environment, parsed once. In development a JWT secret is generated on first
 * start and kept in DATA_DIR so tokens survive a restart. Every configured seal
 * certificate is opened once here, so a wrong path or password stops start-up.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  if (env === process.env) loadDotenv({ quiet: true });
  const config = parseConfig(env);
  config.dataDir = resolve(config.dataDir);
  for (const source of sealSources(config.seal)) {
    source.path = resolve(source.path);
    openSealSource(source, new Date());
  }
  if (!config.jwtSecret) {
    mkdirSync(config.dataDir, { recursive: true, mode: 0o755 });
    chmodSync(config.dataDir, 0o755);
    const file = join(config.dataDir, 'jwt-secret');
    if (!existsSync(file))
      writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
    config.jwtSecret = readFileSync(file, 'utf8').trim();
  }
  return config;
}
