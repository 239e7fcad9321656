import {
  act,
  createOrganization,
  createStaff,
  fileCase,
  newWorld,
  registerBorrower,
  World,
} from './factories';
import { newCase } from './new-case';
import { startTestApp, TestApp } from './harness';

const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.alloc(64),
]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('cases: visibility, lists, evidence, withdrawal and the term', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  beforeAll(async () => {
    t = await startTestApp();
    [w, other] = [await newWorld(t), await newWorld(t)];
  });
  afterAll(() => t.close());

  const get = (token: string, path: string) =>
    t.http().get(path).set('Authorization', `Bearer ${token}`);

  describe('who sees a case', () => {
    it('a borrower never sees another borrower’s case, not even its timeline or evidence', async () => {
      const c = await fileCase(t, w);
      for (const path of [
        `/api/v1/cases/${c.id}`,
        `/api/v1/cases/${c.id}/events`,
        `/api/v1/cases/${c.id}/evidence`,
      ]) {
        const res = await get(other.borrower.token, path);
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('CASE_NOT_FOUND');
      }
      expect((await act(t, other.borrower.token, c.id, 'withdraw')).status).toBe(404);
      const list = await get(other.borrower.token, '/api/v1/cases').expect(200);
      expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    });

    it('a lender sees neither another lender’s cases nor its own before review passes', async () => {
      const before = await fileCase(t, w);
      const accepted = await newCase(t, w, { status: 'lender_notified' });
      const mine = await get(w.lenderRep.token, '/api/v1/cases').expect(200);
      const ids = mine.body.items.map((x: { id: string }) => x.id);
      expect(ids).toContain(accepted.id);
      expect(ids).not.toContain(before.id);
      await get(w.lenderRep.token, `/api/v1/cases/${before.id}`).expect(404);
      await get(other.lenderRep.token, `/api/v1/cases/${accepted.id}`).expect(404);
      expect(
        (await act(t, other.lenderRep.token, accepted.id, 'lender_decline', { reason: 'x' }))
          .status,
      ).toBe(404);
    });

    it('a mediator sees only the cases assigned to them; a clerk only their centre’s', async () => {
      const accepted = await newCase(t, w, { status: 'lender_notified' });
      const otherMediator = await createStaff(t, 'mediator', w.center.id);
      await get(otherMediator.token, `/api/v1/cases/${accepted.id}`).expect(404);
      await get(w.mediator.token, `/api/v1/cases/${accepted.id}`).expect(200);
      await get(other.clerk.token, `/api/v1/cases/${accepted.id}`).expect(404);
      await get(w.clerk.token, `/api/v1/cases/${accepted.id}`).expect(200);
    });

    it('a clerk may assign only a mediator of their own centre', async () => {
      const c = await fileCase(t, w);
      const res = await act(t, w.clerk.token, c.id, 'accept', { mediatorId: other.mediator.id });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('mediatorId');
      const unchanged = await get(w.clerk.token, `/api/v1/cases/${c.id}`).expect(200);
      expect(unchanged.body.status).toBe('submitted');
    });

    it('an admin sees every case but takes no workflow action', async () => {
      const c = await fileCase(t, w);
      const admin = await createStaff(t, 'admin', null);
      const seen = await get(admin.token, `/api/v1/cases/${c.id}`).expect(200);
      expect(seen.body.allowedActions).toEqual([]);
      expect(seen.body.borrower.idNumber).toContain('*');
      expect((await act(t, admin.token, c.id, 'reject', { reason: 'x' })).status).toBe(403);
    });

    it('answers 404 for a malformed case id', async () => {
      await get(w.borrower.token, '/api/v1/cases/not-a-uuid').expect(404);
    });
  });

  describe('the case list', () => {
    it('pages newest first with a cursor and filters by status and q', async () => {
      const b = await registerBorrower(t, { name: `王小明${Date.now() % 1000}` });
      const own = { ...w, borrower: b };
      const filed = [];
      for (let i = 0; i < 5; i++) filed.push(await fileCase(t, own));
      await act(t, w.clerk.token, filed[0].id, 'reject', { reason: '材料不全' });
      const page1 = await get(b.token, '/api/v1/cases?limit=2').expect(200);
      expect(page1.body.items.map((x: { id: string }) => x.id)).toEqual([filed[4].id, filed[3].id]);
      const page2 = await get(
        b.token,
        `/api/v1/cases?limit=2&cursor=${page1.body.nextCursor}`,
      ).expect(200);
      expect(page2.body.items.map((x: { id: string }) => x.id)).toEqual([filed[2].id, filed[1].id]);
      const page3 = await get(
        b.token,
        `/api/v1/cases?limit=2&cursor=${page2.body.nextCursor}`,
      ).expect(200);
      expect(page3.body.items).toHaveLength(1);
      expect(page3.body.nextCursor).toBeNull();
      const rejected = await get(b.token, '/api/v1/cases?status=rejected').expect(200);
      expect(rejected.body.items.map((x: { id: string }) => x.id)).toEqual([filed[0].id]);
      const byNumber = await get(
        w.clerk.token,
        `/api/v1/cases?q=${filed[2].caseNumber.toLowerCase()}`,
      ).expect(200);
      expect(byNumber.body.items.map((x: { id: string }) => x.id)).toEqual([filed[2].id]);
      const byName = await get(
        w.clerk.token,
        `/api/v1/cases?q=${encodeURIComponent(b.name.slice(0, 3))}&limit=100`,
      ).expect(200);
      expect(byName.body.items).toHaveLength(5);
    });

    it('refuses a bad limit, status or cursor with 400', async () => {
      for (const qs of ['limit=0', 'limit=101', 'status=open', 'cursor=garbage']) {
        const res = await get(w.borrower.token, `/api/v1/cases?${qs}`);
        expect(res.status).toBe(400);
      }
    });
  });

  describe('evidence', () => {
    it('takes a PNG or PDF from the borrower, checks the type from the content, serves it back', async () => {
      const c = await fileCase(t, w);
      const up = await t
        .http()
        .post(`/api/v1/cases/${c.id}/evidence`)
        .set('Authorization', `Bearer ${w.borrower.token}`)
        .attach('file', PNG, { filename: '收入证明.png', contentType: 'image/png' });
      expect(up.status).toBe(201);
      expect(up.body).toMatchObject({
        mimeType: 'image/png',
        sizeBytes: PNG.length,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const byClerk = await t
        .http()
        .post(`/api/v1/cases/${c.id}/evidence`)
        .set('Authorization', `Bearer ${w.clerk.token}`)
        .attach('file', PDF, { filename: 'note.pdf', contentType: 'application/pdf' });
      expect(byClerk.status).toBe(201);
      const list = await get(w.borrower.token, `/api/v1/cases/${c.id}/evidence`).expect(200);
      expect(list.body).toHaveLength(2);
      const file = await get(w.clerk.token, `/api/v1/cases/${c.id}/evidence/${up.body.id}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (x: Buffer) => chunks.push(x));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('image/png');
      expect(Buffer.compare(file.body, PNG)).toBe(0);
    });

    it('refuses a file whose content is not PDF/JPEG/PNG (415) or over 10 MB (413), storing nothing', async () => {
      const c = await fileCase(t, w);
      const fake = await t
        .http()
        .post(`/api/v1/cases/${c.id}/evidence`)
        .set('Authorization', `Bearer ${w.borrower.token}`)
        .attach('file', Buffer.from('#!/bin/sh\necho hi\n'), {
          filename: 'evil.pdf',
          contentType: 'application/pdf',
        });
      expect(fake.status).toBe(415);
      const big = await t
        .http()
        .post(`/api/v1/cases/${c.id}/evidence`)
        .set('Authorization', `Bearer ${w.borrower.token}`)
        .attach('file', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1)]), {
          filename: 'big.pdf',
        });
      expect(big.status).toBe(413);
      const rows = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM evidence WHERE case_id = $1',
        [c.id],
      );
      expect(rows[0].n).toBe(0);
    });

    it('does not let a lender or another borrower upload', async () => {
      const accepted = await newCase(t, w, { status: 'lender_notified' });
      const byLender = await t
        .http()
        .post(`/api/v1/cases/${accepted.id}/evidence`)
        .set('Authorization', `Bearer ${w.lenderRep.token}`)
        .attach('file', PNG, { filename: 'x.png' });
      expect(byLender.status).toBe(403);
      const byStranger = await t
        .http()
        .post(`/api/v1/cases/${accepted.id}/evidence`)
        .set('Authorization', `Bearer ${other.borrower.token}`)
        .attach('file', PNG, { filename: 'x.png' });
      expect(byStranger.status).toBe(404);
    });
  });

  describe('withdrawal and the term', () => {
    it('lets the borrower withdraw from a non-terminal state, and nothing after', async () => {
      const c = await newCase(t, w, { status: 'lender_notified' });
      const res = await act(t, w.borrower.token, c.id, 'withdraw', {
        reason: '已与贷款机构自行协商',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'withdrawn', allowedActions: [] });
      const again = await act(t, w.borrower.token, c.id, 'withdraw');
      expect(again.status).toBe(409);
      expect(again.body.currentStatus).toBe('withdrawn');
    });

    it('closes a case the lender declined, with the closure reason', async () => {
      const c = await newCase(t, w, { status: 'lender_notified' });
      const res = await act(t, w.lenderRep.token, c.id, 'lender_decline', { reason: '不同意调解' });
      expect(res.body).toMatchObject({ status: 'unsuccessful', closureReason: 'lender_declined' });
    });
  });
});

describe('organisations set up by an admin', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('refuses a clerk whose organisation is a lender', async () => {
    const lender = await createOrganization(t, 'lender');
    await expect(createStaff(t, 'clerk', lender.id)).rejects.toThrow();
  });
});
