import { isIP } from 'node:net';
import { ConfigError } from './config-error';

/** Fastify's `trustProxy`: off, a number of proxy hops, or the proxies' addresses. */
export type TrustProxy = false | number | string[];

const CIDR = /^([^/]+)\/(\d{1,3})$/;

function isAddressOrRange(entry: string): boolean {
  const m = CIDR.exec(entry);
  if (!m) return isIP(entry) !== 0;
  const family = isIP(m[1]);
  return family !== 0 && Number(m[2]) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: unset or `false` (the default: the peer's address is the client's), a hop
 * count such as `1` (one reverse proxy in front), or a comma-separated list of proxy addresses
 * or CIDR ranges. `true` (trust every X-Forwarded-For) is refused: any client could then
 * pick its own address and slip past the limits per address.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim() ?? '';
  if (value === '' || /^(false|0)$/i.test(value)) return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) throw new ConfigError('TRUST_PROXY', `expected 0 to 10 hops, got "${value}"`);
    return hops;
  }
  if (/^true$/i.test(value)) {
    throw new ConfigError('TRUST_PROXY', "give a hop count or the proxies' addresses, not true");
  }
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.find((e) => !isAddressOrRange(e));
  if (bad !== undefined) {
    throw new ConfigError('TRUST_PROXY', `not an IP address or CIDR range: "${bad}"`);
  }
  return entries;
}

/**
 * The option as Fastify takes it. Fastify fails closed on a bare number (it cannot check the
 * peer), so a hop count is a function trusting the nearest `hops` addresses: right only when
 * nothing but the proxies can reach the service, as the README says. Addresses are checked.
 */
export function fastifyTrustProxy(
  trust: TrustProxy,
): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust;
  if (trust === 0) return false;
  return (_address, hop) => hop < trust;
}
