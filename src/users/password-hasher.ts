import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { DEFAULT_PASSWORD_HASH_COST } from '../common/config/password-hash-cost';
import type { PasswordHashCost } from '../common/config/password-hash-cost';

/** An argon2id hash of a password at the given cost (the bench's seed hashes this way too). */
export const hashPassword = (
  password: string,
  cost: PasswordHashCost = DEFAULT_PASSWORD_HASH_COST,
) =>
  argon2.hash(password, {
    type: argon2.argon2id,
    memoryCost: cost.memoryKib,
    timeCost: cost.timeCost,
    parallelism: cost.parallelism,
  });

/** Hashes new passwords at the configured cost; checks any stored hash at its own. */
@Injectable()
export class PasswordHasher {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    return hashPassword(password, this.config.passwordHashCost);
  }

  verify(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password);
  }
}
