import { adminToken, beijingToday, newWorld, World } from '../e2e/factories';
import { startTestApp, TestApp } from '../e2e/harness';
import { newCase } from '../e2e/new-case';
import { PDF } from '../e2e/support/pages';
import { examplesApi } from './examples-api';

/**
 * The borrower's payment reports with proof (recorded as the document's examples): one
 * confirmed by the lender and applied, one disputed, and the refusals a client meets.
 */
describe('payment reports (recorded as the document’s examples)', () => {
  let t: TestApp;
  let w: World;
  let lender: { key: string };
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: 'https://mediation.test' });
    w = await newWorld(t);
    const admin = await adminToken(t);
    lender = {
      key: (await examplesApi(t).post(201, `/organizations/${w.lender.id}/api-keys`, admin, {}))
        .key,
    };
  });
  afterAll(() => t?.close());

  it('reported with proof, confirmed once, another disputed', async () => {
    const api = examplesApi(t);
    const c = await newCase(t, w, { status: 'settled' });
    const base = `/cases/${c.id}/plan/payment-reports`;
    const report = (amount: string, status = 201) =>
      api
        .http()
        .post(api.url(base))
        .set('Authorization', `Bearer ${w.borrower.token}`)
        .field('amount', amount)
        .field('paidOn', beijingToday())
        .attach('file', PDF, '转账回单.pdf')
        .expect(status);
    const first = (await report('666.66')).body;
    // Only the case's lender answers a report: to its borrower, the case is not found.
    await api.fail(
      'CASE_NOT_FOUND',
      api.http().post(api.url(`${base}/${first.id}/confirm`)),
      w.borrower.token,
    );
    await api.post(200, `${base}/${first.id}/confirm`, lender);
    const second = (await report('100.00')).body;
    await api.get(200, base, w.borrower.token);
    await api.post(200, `${base}/${second.id}/dispute`, lender, {
      reason: '该日未收到这笔款项，请核对付款账户。',
    });
    await api.fail('CONFLICT', api.http().post(api.url(`${base}/${second.id}/confirm`)), lender);
    await api.bytes(200, `${base}/${first.id}/proof`, lender);
  });
});
