import { randomBytes } from 'node:crypto';
import { creditCodeCheckCharacter } from '../organizations/credit-code';
import { residentIdCheckDigit } from '../users/identity';

/** The demo's HTTP client of the public API, and the made-up identities it registers. */

export type Json = Record<string, unknown> & { [key: string]: unknown };
export type Auth = { token: string };

export class Api {
  constructor(private readonly baseUrl: string) {}

  async call(method: string, path: string, auth: Auth | null, body?: unknown): Promise<Json> {
    const res = await this.send(method, path, auth, body);
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return text ? (JSON.parse(text) as Json) : {};
  }

  async bytes(path: string, auth: Auth): Promise<Buffer> {
    const res = await this.send('GET', path, auth);
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
    return Buffer.from(await res.arrayBuffer());
  }

  /** The case as this person sees it, or null when they may not see it (yet). */
  async caseAs(id: string, auth: Auth): Promise<Json | null> {
    const res = await this.send('GET', `/api/v1/cases/${id}`, auth);
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`GET case answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as Json;
  }

  async verifyFile(pdf: Buffer): Promise<Json> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'a.pdf');
    const res = await fetch(`${this.baseUrl}/api/v1/verify`, { method: 'POST', body: form });
    if (!res.ok) throw new Error(`POST /verify answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as Json;
  }

  private async send(method: string, path: string, auth: Auth | null, body?: unknown) {
    try {
      return await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          ...(auth ? { Authorization: `Bearer ${auth.token}` } : {}),
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          'User-Agent': 'mediation-demo',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new Error(
        `cannot reach the service at ${this.baseUrl} (${(e as Error).cause ?? e}); start it with npm start, or set DEMO_BASE_URL`,
      );
    }
  }
}

export const tag = () => randomBytes(3).toString('hex');

export function residentId(): string {
  const first17 = `110105199${Math.floor(Math.random() * 10)}0${1 + Math.floor(Math.random() * 9)}15${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  return first17 + residentIdCheckDigit(first17);
}

/** A unified social credit code with a valid check character, new on every run. */
export function creditCode(): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const body = Array.from(randomBytes(9), (b) => alphabet[b % alphabet.length]).join('');
  const first17 = `91310115${body}`;
  return first17 + creditCodeCheckCharacter(first17);
}
