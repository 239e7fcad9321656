import type { Response, Test } from 'supertest';
import { ERROR_STATUS } from '../../src/common/errors/app-error';
import type { ErrorCode } from '../../src/common/errors/app-error';
import type { TestApp } from '../e2e/harness';

/** A caller: a person's or staff member's token, a lender's API key, or nobody. */
export type Credential = string | { key: string } | null;

/**
 * The calls of the example walks: each states the status it must answer, so a walk that
 * no longer reaches a response fails rather than record something else in its place.
 */
export function examplesApi(t: TestApp) {
  const send = async (req: Test, status: number, cred: Credential, headers = {}) => {
    if (typeof cred === 'string') req.set('Authorization', `Bearer ${cred}`);
    else if (cred) req.set('X-API-Key', cred.key);
    for (const [k, v] of Object.entries(headers)) req.set(k, String(v));
    const res: Response = await req;
    if (res.status !== status) {
      throw new Error(
        `${req.method} ${req.url}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`,
      );
    }
    return res;
  };
  const url = (path: string) => `/api/v1${path}`;
  return {
    get: async (status: number, path: string, cred: Credential = null, headers = {}) =>
      (await send(t.http().get(url(path)), status, cred, headers)).body,
    post: async (status: number, path: string, cred: Credential, body?: object, headers = {}) => {
      const req = t.http().post(url(path));
      return (await send(body === undefined ? req : req.send(body), status, cred, headers)).body;
    },
    put: async (status: number, path: string, cred: Credential, body: object) =>
      (await send(t.http().put(url(path)).send(body), status, cred)).body,
    patch: async (status: number, path: string, cred: Credential, body: object) =>
      (await send(t.http().patch(url(path)).send(body), status, cred)).body,
    del: async (status: number, path: string, cred: Credential, body?: object) => {
      const req = t.http().delete(url(path));
      return (await send(body === undefined ? req : req.send(body), status, cred)).body;
    },
    upload: async (status: number, path: string, cred: Credential, file: Buffer, name: string) =>
      (await send(t.http().post(url(path)).attach('file', file, name), status, cred)).body,
    /** A binary answer (a PDF, an invitation), as its bytes. */
    bytes: async (status: number, path: string, cred: Credential): Promise<Buffer> => {
      const req = t
        .http()
        .get(url(path))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      return (await send(req, status, cred)).body;
    },
    /** An error answer, which must carry `code` (and so its status). */
    fail: async (code: ErrorCode, req: Test, cred: Credential = null, headers = {}) => {
      const res = await send(req, ERROR_STATUS[code], cred, headers);
      if (res.body.code !== code) {
        throw new Error(
          `${req.method} ${req.url}: expected ${code}, got ${JSON.stringify(res.body)}`,
        );
      }
      return res.body;
    },
    http: () => t.http(),
    url,
  };
}
