import { act, World } from '../factories';
import type { TestApp } from '../harness';
import { newCase } from '../new-case';
import { ok } from './notifications';
import { asBytes } from './pdf';

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** The 司法确认 routes of one app, as one caller or another. */
export function judicialApi(t: TestApp) {
  const path = (caseId: string, tail = '') =>
    `/api/v1/cases/${caseId}/judicial-confirmation${tail}`;
  const bearer = (token: string) => ['Authorization', `Bearer ${token}`] as const;
  return {
    get: (token: string, caseId: string) =>
      t
        .http()
        .get(path(caseId))
        .set(...bearer(token)),
    ask: (token: string, caseId: string) =>
      t
        .http()
        .post(path(caseId))
        .set(...bearer(token))
        .send({}),
    join: (token: string, caseId: string) =>
      t
        .http()
        .post(path(caseId, '/join'))
        .set(...bearer(token))
        .send({}),
    outcome: (token: string, caseId: string, body: Record<string, unknown>) =>
      t
        .http()
        .post(path(caseId, '/outcome'))
        .set(...bearer(token))
        .send(body),
    file: (token: string, caseId: string, name: 'application.pdf' | 'packet.zip') =>
      asBytes(
        t
          .http()
          .get(path(caseId, `/${name}`))
          .set(...bearer(token)),
      ),
  };
}

/**
 * A settled case with one evidence file, the borrower's: uploaded while the agreement awaits
 * signatures (a settled case takes no more evidence), then signed by both and confirmed.
 */
export async function settledWithEvidence(t: TestApp, w: World) {
  const c = await newCase(t, w, { status: 'awaiting_signatures' });
  await t
    .http()
    .post(`/api/v1/cases/${c.id}/evidence`)
    .set('Authorization', `Bearer ${w.borrower.token}`)
    .attach('file', PDF, { filename: '失业证明.pdf', contentType: 'application/pdf' })
    .expect(201);
  await settle(t, w, c.id);
  return c;
}

/** Both parties sign the current version and the mediator confirms it: the agreement takes effect. */
export async function settle(t: TestApp, w: World, caseId: string): Promise<void> {
  const a = await t
    .http()
    .get(`/api/v1/cases/${caseId}/agreement`)
    .set('Authorization', `Bearer ${w.borrower.token}`)
    .expect(200);
  const body = { version: a.body.version, sha256: a.body.draftSha256 };
  await ok(act(t, w.borrower.token, caseId, 'sign_agreement', body));
  await ok(act(t, w.lenderRep.token, caseId, 'sign_agreement', body));
  await ok(act(t, w.mediator.token, caseId, 'confirm_agreement', body));
}
