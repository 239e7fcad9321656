import { lookup, LookupAddress } from 'node:dns';
import { lookup as lookupAsync } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import { assertPermittedAddresses, normalizeHost, WebhookAddressError } from './webhook-address';

/**
 * Resolves a webhook host and refuses it unless every address is public (or
 * allow-listed). Used at registration and before each attempt.
 */
export async function assertPublicHost(host: string, allowedHosts: readonly string[]) {
  const name = normalizeHost(host);
  if (allowedHosts.includes(name)) return;
  if (isIP(name)) return assertPermittedAddresses(name, [name], allowedHosts);
  let addresses: LookupAddress[];
  try {
    addresses = await lookupAsync(name, { all: true, verbatim: true });
  } catch {
    throw new WebhookAddressError(`${name} does not resolve`);
  }
  assertPermittedAddresses(
    name,
    addresses.map((a) => a.address),
    allowedHosts,
  );
}

/**
 * The same check at connect time, on the addresses the socket will use: a
 * name that resolved to a public address a moment ago and now resolves to a
 * private one (DNS rebinding) is refused too.
 */
function guardedLookup(allowedHosts: readonly string[]): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      try {
        assertPermittedAddresses(
          hostname,
          addresses.map((a) => a.address),
          allowedHosts,
        );
      } catch (e) {
        return callback(e as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

export interface SendOutcome {
  /** The receiver's HTTP status; null when none came. */
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface SendOptions {
  timeoutMs: number;
  allowedHosts: readonly string[];
}

/** POSTs one event. Never throws: every failure is an outcome to record. Redirects are not followed. */
export async function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: SendOptions,
): Promise<SendOutcome> {
  const started = Date.now();
  const outcome = (statusCode: number | null, error: string | null): SendOutcome => ({
    statusCode,
    error,
    durationMs: Date.now() - started,
  });
  const target = new URL(url);
  try {
    await assertPublicHost(target.hostname, options.allowedHosts);
  } catch (e) {
    return outcome(null, (e as Error).message);
  }
  return new Promise((resolve) => {
    const client = target.protocol === 'https:' ? https : http;
    const req = client.request(target, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: guardedLookup(options.allowedHosts),
      agent: false,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    req.on('response', (res) => {
      const status = res.statusCode ?? null;
      const ok = status !== null && status >= 200 && status < 300;
      const error = ok
        ? null
        : status !== null && status >= 300 && status < 400
          ? `HTTP ${status}: redirects are not followed`
          : `HTTP ${status}`;
      res.on('error', () => resolve(outcome(status, error)));
      res.on('end', () => resolve(outcome(status, error)));
      res.resume();
    });
    req.on('error', (e: NodeJS.ErrnoException) =>
      resolve(
        outcome(
          null,
          e.name === 'AbortError' || e.name === 'TimeoutError'
            ? `no answer within ${options.timeoutMs / 1000} s`
            : e.message,
        ),
      ),
    );
    req.end(body);
  });
}
