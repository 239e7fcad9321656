import { BlockList, isIP } from 'node:net';

/** What an address is, for deciding whether a webhook may be POSTed to it (SSRF). */
export type AddressKind =
  | 'public'
  | 'metadata'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'multicast'
  | 'reserved';

type Range = [AddressKind, string, number];

// Most specific first: the cloud metadata services sit inside wider blocks.
const V4: Range[] = [
  ['metadata', '169.254.169.254', 32], // AWS, GCP, Azure, Tencent
  ['metadata', '100.100.100.200', 32], // Alibaba Cloud
  ['unspecified', '0.0.0.0', 8],
  ['loopback', '127.0.0.0', 8],
  ['private', '10.0.0.0', 8],
  ['shared', '100.64.0.0', 10], // carrier-grade NAT
  ['link-local', '169.254.0.0', 16],
  ['private', '172.16.0.0', 12],
  ['reserved', '192.0.0.0', 24],
  ['reserved', '192.0.2.0', 24],
  ['private', '192.168.0.0', 16],
  ['reserved', '198.18.0.0', 15],
  ['reserved', '198.51.100.0', 24],
  ['reserved', '203.0.113.0', 24],
  ['multicast', '224.0.0.0', 4],
  ['reserved', '240.0.0.0', 4], // and 255.255.255.255
];
const V6: Range[] = [
  ['metadata', 'fd00:ec2::254', 128],
  ['unspecified', '::', 128],
  ['loopback', '::1', 128],
  ['reserved', '100::', 64],
  ['reserved', '2001:db8::', 32],
  ['private', 'fc00::', 7],
  ['link-local', 'fe80::', 10],
  ['multicast', 'ff00::', 8],
];

const lists = (ranges: Range[], family: 'ipv4' | 'ipv6') =>
  ranges.map(([kind, net, prefix]) => {
    const list = new BlockList();
    list.addSubnet(net, prefix, family);
    return { kind, list };
  });
const V4_LISTS = lists(V4, 'ipv4');
const V6_LISTS = lists(V6, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (which must be valid). */
function groups(ip: string): number[] {
  let text = ip;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const h = part(head);
  const t = part(tail);
  return tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill(0), ...t];
}

const v4Of = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/**
 * The IPv4 address an IPv6 address carries and is routed to: IPv4-mapped
 * (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and
 * 6to4 (2002:AABB:CCDD::/16). Null when it carries none.
 */
function embeddedV4(ip: string): string | null {
  const g = groups(ip);
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return v4Of(g[6], g[7]);
  if (zeros(0, 6) && (g[6] !== 0 || g[7] > 1)) return v4Of(g[6], g[7]);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return v4Of(g[6], g[7]);
  if (g[0] === 0x2002) return v4Of(g[1], g[2]);
  return null;
}

/** Classifies an IP address; anything that is not one counts as `reserved` (refused). */
export function classifyAddress(address: string): AddressKind {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(ip);
  if (family === 4) return V4_LISTS.find((r) => r.list.check(ip, 'ipv4'))?.kind ?? 'public';
  if (family !== 6) return 'reserved';
  const v4 = embeddedV4(ip);
  if (v4) return classifyAddress(v4);
  return V6_LISTS.find((r) => r.list.check(ip, 'ipv6'))?.kind ?? 'public';
}

/** Normalises a host as WEBHOOK_ALLOWED_HOSTS names it: lower case, IPv6 without brackets. */
export const normalizeHost = (host: string) => host.toLowerCase().replace(/^\[|\]$/g, '');

/** Whether a webhook may connect to this address: public, or named in the allow-list. */
export function isPermittedAddress(address: string, allowedHosts: readonly string[]): boolean {
  return allowedHosts.includes(normalizeHost(address)) || classifyAddress(address) === 'public';
}

export class WebhookAddressError extends Error {}

const refusal = (what: string, kind: AddressKind) =>
  `${what} ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} address; webhooks may only target ` +
  `public addresses (or hosts named in WEBHOOK_ALLOWED_HOSTS)`;

/**
 * Checks a webhook URL without resolving it: absolute http(s), no
 * credentials, https unless the host is allow-listed, and an IP literal must
 * be public. Returns the parsed URL or throws WebhookAddressError.
 */
export function checkWebhookUrl(raw: string, allowedHosts: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookAddressError('must be an absolute https URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new WebhookAddressError('must be an absolute https URL');
  }
  if (url.username || url.password) {
    throw new WebhookAddressError('must not contain a user name or password');
  }
  const host = normalizeHost(url.hostname);
  const allowListed = allowedHosts.includes(host);
  if (url.protocol === 'http:' && !allowListed) {
    throw new WebhookAddressError('must use https (plain http only for WEBHOOK_ALLOWED_HOSTS)');
  }
  if (!allowListed && isIP(host) && classifyAddress(host) !== 'public') {
    throw new WebhookAddressError(refusal(`${host} is`, classifyAddress(host)));
  }
  return url;
}

/** Refuses a host whose resolved addresses include any that is not permitted. */
export function assertPermittedAddresses(
  host: string,
  addresses: readonly string[],
  allowedHosts: readonly string[],
): void {
  if (allowedHosts.includes(normalizeHost(host))) return;
  if (addresses.length === 0) throw new WebhookAddressError(`${host} does not resolve`);
  for (const a of addresses) {
    if (!isPermittedAddress(a, allowedHosts)) {
      throw new WebhookAddressError(refusal(`${host} resolves to ${a},`, classifyAddress(a)));
    }
  }
}
