import { ConfigError, parseConfig } from './config';

describe('configuration', () => {
  it('has the defaults of api.md', () => {
    const c = parseConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeNull();
    expect(c.dataDir).toBe('./.data');
    expect(c.smtpUrl).toBeNull();
    expect(c.mailFrom).toBe('调解中心 <no-reply@mediation.local>');
    expect(c.publicBaseUrl).toBe('http://localhost:3000');
    expect(c.lenderResponsePeriod).toEqual({ unit: 'calendar_days', length: 7 });
    expect(c.mediationTermPeriod).toEqual({ unit: 'calendar_days', length: 30 });
    expect(c.lenderResponseWindow.as('days')).toBe(7);
    expect(c.mediationTerm.as('days')).toBe(30);
    expect(c.sessionReminderBefore.as('hours')).toBe(24);
    expect(c.deadlineSweepMs).toBe(60000);
    expect(c.statsRefreshSeconds).toBe(60);
    expect(c.statsMaxAgeSeconds).toBe(900);
  });

  it('reads the statistics ages, 0 and 0 meaning always computed', () => {
    const c = parseConfig({ STATS_REFRESH_SECONDS: '0', STATS_MAX_AGE_SECONDS: '0' });
    expect([c.statsRefreshSeconds, c.statsMaxAgeSeconds]).toEqual([0, 0]);
  });

  it('derives PUBLIC_BASE_URL from PORT', () => {
    expect(parseConfig({ PORT: '8080' }).publicBaseUrl).toBe('http://localhost:8080');
  });

  it('reads a period in working days or in calendar days', () => {
    const c = parseConfig({ LENDER_RESPONSE_WINDOW: '7wd', MEDIATION_TERM: 'P45D' });
    expect(c.lenderResponsePeriod).toEqual({ unit: 'working_days', length: 7 });
    expect(c.mediationTermPeriod).toEqual({ unit: 'calendar_days', length: 45 });
  });

  it.each([
    ['LENDER_RESPONSE_WINDOW', { LENDER_RESPONSE_WINDOW: '7 days' }],
    ['LENDER_RESPONSE_WINDOW', { LENDER_RESPONSE_WINDOW: 'PT168H' }],
    ['LENDER_RESPONSE_WINDOW', { LENDER_RESPONSE_WINDOW: '0wd' }],
    ['MEDIATION_TERM', { MEDIATION_TERM: 'P-1D' }],
    ['MEDIATION_TERM', { MEDIATION_TERM: 'P1M' }],
    ['MEDIATION_TERM', { MEDIATION_TERM: '30wdx' }],
    ['PUBLIC_BASE_URL', { PUBLIC_BASE_URL: 'not a url' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x@y/z' }],
    ['SMTP_URL', { SMTP_URL: 'http://mail' }],
    ['PORT', { PORT: 'eighty' }],
    ['DEADLINE_SWEEP_MS', { DEADLINE_SWEEP_MS: '0' }],
    ['STATS_REFRESH_SECONDS', { STATS_REFRESH_SECONDS: '-1' }],
    ['STATS_REFRESH_SECONDS', { STATS_REFRESH_SECONDS: '1m' }],
    ['STATS_MAX_AGE_SECONDS', { STATS_MAX_AGE_SECONDS: '30' }],
    ['STATS_MAX_AGE_SECONDS', { STATS_REFRESH_SECONDS: '0', STATS_MAX_AGE_SECONDS: '9999999' }],
    ['JWT_SECRET', { NODE_ENV: 'production' }],
    ['PASSWORD_HASH_MEMORY_KIB', { PASSWORD_HASH_MEMORY_KIB: '1024' }],
    ['PASSWORD_HASH_TIME_COST', { PASSWORD_HASH_TIME_COST: '1' }],
    ['PASSWORD_HASH_MEMORY_KIB', { NODE_ENV: 'test', PASSWORD_HASH_MEMORY_KIB: '512' }],
  ])('refuses a bad %s with an error naming it', (name, env) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    try {
      parseConfig(env);
    } catch (e) {
      expect((e as ConfigError).variable).toBe(name);
      expect((e as Error).message.startsWith(`${name}:`)).toBe(true);
    }
  });

  it('has no default admin in production', () => {
    const c = parseConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      SEAL_P12_PATH: '/etc/mediation/seal.p12',
      SEAL_P12_PASSWORD: 'secret',
    });
    expect(c.adminEmail).toBeNull();
  });

  it('hashes passwords at argon2’s defaults, and below OWASP’s floor only under test', () => {
    expect(parseConfig({}).passwordHashCost).toEqual({
      memoryKib: 65536,
      timeCost: 3,
      parallelism: 4,
    });
    const floor = { PASSWORD_HASH_MEMORY_KIB: '19456', PASSWORD_HASH_TIME_COST: '2' };
    expect(parseConfig(floor).passwordHashCost).toMatchObject({ memoryKib: 19456, timeCost: 2 });
    const cheap = { PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_TIME_COST: '1' };
    expect(parseConfig({ NODE_ENV: 'test', ...cheap }).passwordHashCost.memoryKib).toBe(1024);
  });
});
