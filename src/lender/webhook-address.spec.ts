import {
  assertPermittedAddresses,
  checkWebhookUrl,
  classifyAddress,
  isPermittedAddress,
} from './webhook-address';

describe('webhook address classification', () => {
  it.each([
    ['8.8.8.8', 'public'],
    ['203.119.1.1', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.254', 'shared'],
    ['169.254.169.254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['not-an-ip', 'reserved'],
  ])('%s is %s', (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
  });

  it('keeps the public neighbours of the blocked ranges public', () => {
    for (const ip of ['172.15.255.255', '172.32.0.0', '100.63.255.255', '100.128.0.0', '11.0.0.1'])
      expect(classifyAddress(ip)).toBe('public');
    expect(classifyAddress('2400:3200::1')).toBe('public');
  });

  it('sees through IPv6 forms that carry an IPv4 address', () => {
    expect(classifyAddress('::ffff:127.0.0.1')).toBe('loopback');
    expect(classifyAddress('::ffff:7f00:1')).toBe('loopback');
    expect(classifyAddress('::ffff:10.0.0.1')).toBe('private');
    expect(classifyAddress('::169.254.169.254')).toBe('metadata');
    expect(classifyAddress('64:ff9b::192.168.0.1')).toBe('private');
    expect(classifyAddress('2002:a00:1::')).toBe('private');
    expect(classifyAddress('::ffff:8.8.8.8')).toBe('public');
  });

  it('permits an address the allow-list names, and only that one', () => {
    expect(isPermittedAddress('127.0.0.1', ['127.0.0.1'])).toBe(true);
    expect(isPermittedAddress('127.0.0.2', ['127.0.0.1'])).toBe(false);
    expect(isPermittedAddress('::1', ['::1'])).toBe(true);
  });
});

describe('webhook URL check', () => {
  it('takes a public https URL', () => {
    expect(checkWebhookUrl('https://hooks.lender.example/mediation?x=1', []).hostname).toBe(
      'hooks.lender.example',
    );
  });

  it.each([
    ['not a url', /absolute https/],
    ['ftp://lender.example/', /absolute https/],
    ['http://lender.example/hook', /must use https/],
    ['https://user:pw@lender.example/', /user name or password/],
    ['https://127.0.0.1/hook', /127\.0\.0\.1 is a loopback address/],
    ['https://10.0.0.8/hook', /private address/],
    ['https://[::1]/hook', /loopback/],
    ['https://169.254.169.254/latest/meta-data', /metadata address/],
    ['https://[::ffff:192.168.0.1]/', /private/],
    ['https://0.0.0.0/', /an unspecified address/],
  ])('refuses %s', (url, message) => {
    expect(() => checkWebhookUrl(url, [])).toThrow(message);
  });

  it('lets an allow-listed host use plain http and a loopback address', () => {
    expect(checkWebhookUrl('http://127.0.0.1:8080/hook', ['127.0.0.1']).port).toBe('8080');
    expect(() => checkWebhookUrl('http://127.0.0.1:8080/hook', ['localhost'])).toThrow();
  });

  it('refuses a name that resolves to any non-public address', () => {
    expect(() => assertPermittedAddresses('h.example', ['8.8.8.8', '10.0.0.1'], [])).toThrow(
      /h\.example resolves to 10\.0\.0\.1, a private address/,
    );
    expect(() => assertPermittedAddresses('h.example', [], [])).toThrow(/does not resolve/);
    expect(() => assertPermittedAddresses('h.example', ['8.8.8.8'], [])).not.toThrow();
    expect(() => assertPermittedAddresses('localhost', ['127.0.0.1'], ['localhost'])).not.toThrow();
  });
});
