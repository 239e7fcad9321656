import { ConfigError } from './config-error';

/** argon2id's cost of one password hash (and so of one sign-in's check). */
export interface PasswordHashCost {
  /** PASSWORD_HASH_MEMORY_KIB: memory per hash, in KiB. */
  memoryKib: number;
  /** PASSWORD_HASH_TIME_COST: passes over that memory. */
  timeCost: number;
  parallelism: number;
}

/** The argon2 library's own defaults: 64 MiB, 3 passes, 4 lanes (about 0.1 s on one core). */
export const DEFAULT_PASSWORD_HASH_COST: PasswordHashCost = {
  memoryKib: 65536,
  timeCost: 3,
  parallelism: 4,
};

/**
 * OWASP's floor for argon2id (19 MiB, 2 passes): no deployment goes below it. Only the
 * test suite may, where thousands of sign-ups and sign-ins would otherwise spend minutes
 * hashing; hashes keep their own parameters, so a check never depends on the setting.
 */
const FLOOR = { memoryKib: 19456, timeCost: 2 };
const TEST_FLOOR = { memoryKib: 1024, timeCost: 1 };

type Env = Record<string, string | undefined>;

function whole(env: Env, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return dflt;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(name, `expected a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

export function parsePasswordHashCost(env: Env, nodeEnv: string): PasswordHashCost {
  const floor = nodeEnv === 'test' ? TEST_FLOOR : FLOOR;
  const memoryKib = whole(
    env,
    'PASSWORD_HASH_MEMORY_KIB',
    DEFAULT_PASSWORD_HASH_COST.memoryKib,
    floor.memoryKib,
    4_194_304,
  );
  return {
    memoryKib,
    timeCost: whole(
      env,
      'PASSWORD_HASH_TIME_COST',
      DEFAULT_PASSWORD_HASH_COST.timeCost,
      floor.timeCost,
      20,
    ),
    // argon2 needs at least 8 KiB per lane.
    parallelism: Math.min(DEFAULT_PASSWORD_HASH_COST.parallelism, Math.floor(memoryKib / 8)),
  };
}
