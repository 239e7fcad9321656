import { parseConfig } from '../common/config/config';
import { PasswordHasher } from './password-hasher';

const hasher = (env: Record<string, string>) => new PasswordHasher(parseConfig(env));

describe('PasswordHasher', () => {
  it('writes the configured cost into the hash, and checks any hash at its own cost', async () => {
    const strong = hasher({ PASSWORD_HASH_MEMORY_KIB: '19456', PASSWORD_HASH_TIME_COST: '2' });
    const cheap = hasher({
      NODE_ENV: 'test',
      PASSWORD_HASH_MEMORY_KIB: '1024',
      PASSWORD_HASH_TIME_COST: '1',
    });
    const made = await strong.hash('correct horse battery');
    expect(made).toMatch(/^\$argon2id\$v=19\$m=19456,p=4,t=2\$/);
    // Lowering (or raising) the setting later does not lock anyone out.
    expect(await cheap.verify(made, 'correct horse battery')).toBe(true);
    expect(await cheap.verify(made, 'correct horse batterY')).toBe(false);
    expect(await cheap.hash('x')).toMatch(/\$m=1024,p=4,t=1\$/);
  });
});
