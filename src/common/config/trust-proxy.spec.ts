import { ConfigError, parseConfig } from './config';

describe('TRUST_PROXY', () => {
  it('is off by default, so X-Forwarded-For is ignored', () => {
    expect(parseConfig({}).trustProxy).toBe(false);
    expect(parseConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it('takes a hop count or proxy addresses and ranges', () => {
    expect(parseConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(parseConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16, ::1' }).trustProxy).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
      '::1',
    ]);
  });

  it.each(['true', 'proxy.local', '10.0.0.0/33', '11'])('refuses %s naming the variable', (v) => {
    expect(() => parseConfig({ TRUST_PROXY: v })).toThrow(ConfigError);
    expect(() => parseConfig({ TRUST_PROXY: v })).toThrow(/^TRUST_PROXY: /);
  });
});
