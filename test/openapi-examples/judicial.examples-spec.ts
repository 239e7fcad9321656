import { newWorld, World } from '../e2e/factories';
import { startTestApp, TestApp } from '../e2e/harness';
import { newCase } from '../e2e/new-case';
import { examplesApi } from './examples-api';

/**
 * The 司法确认 hand-off of a settled case, each answer once: asked for (and asked again), both
 * parties joining, the documents, and the clerk's record of the court's steps.
 */
describe('judicial confirmation (recorded as the document’s examples)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: 'https://mediation.test' });
    w = await newWorld(t);
  });
  afterAll(() => t?.close());

  it('asked, joined by both, filed and confirmed; refused with its reasons on another case', async () => {
    const api = examplesApi(t);
    const h = () => api.http();
    const u = api.url;
    const [c, other] = await Promise.all([
      newCase(t, w, { status: 'settled' }),
      newCase(t, w, { status: 'settled' }),
    ]);
    const path = (id: string, tail = '') => `/cases/${id}/judicial-confirmation${tail}`;
    await api.fail('NOT_FOUND', h().get(u(path(c.id))), w.borrower.token);
    await api.post(201, path(c.id), w.borrower.token, {});
    await api.post(200, path(c.id), w.lenderRep.token, {});
    await api.post(200, path(c.id, '/join'), w.borrower.token, {});
    await api.fail(
      'CONFLICT',
      h()
        .post(u(path(c.id, '/outcome')))
        .send({ outcome: 'applied' }),
      w.clerk.token,
    );
    await api.post(200, path(c.id, '/join'), w.lenderRep.token, {});
    await api.get(200, path(c.id), w.mediator.token);
    await api.bytes(200, path(c.id, '/application.pdf'), w.borrower.token);
    await api.bytes(200, path(c.id, '/packet.zip'), w.clerk.token);
    await api.post(200, path(c.id, '/outcome'), w.clerk.token, { outcome: 'applied' });
    await api.post(200, path(c.id, '/outcome'), w.clerk.token, {
      outcome: 'confirmed',
      note: '（2026）京0105民特123号',
    });

    await api.post(201, path(other.id), w.lenderRep.token, {});
    await api.post(200, path(other.id, '/join'), w.lenderRep.token, {});
    await api.post(200, path(other.id, '/join'), w.borrower.token, {});
    await api.post(200, path(other.id, '/outcome'), w.clerk.token, { outcome: 'applied' });
    await api.fail(
      'VALIDATION_FAILED',
      h()
        .post(u(path(other.id, '/outcome')))
        .send({ outcome: 'refused' }),
      w.clerk.token,
    );
    await api.post(200, path(other.id, '/outcome'), w.clerk.token, {
      outcome: 'refused',
      note: '协议内容需进一步核实',
    });
  });
});
