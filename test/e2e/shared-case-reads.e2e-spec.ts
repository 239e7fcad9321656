import { userPrincipal } from '../../src/access/principal';
import type { Principal } from '../../src/access/principal';
import { CaseRepository } from '../../src/cases/case.repository';
import { CasesService } from '../../src/cases/cases.service';
import { newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { newCase } from './new-case';
import { signedIn } from './support/pages';

/** The visibility read of one case (caseReadQuery), as the services send it: not the timeline's. */
const CASE_READ = /b\.phone AS borrower_phone[\s\S]*FROM cases c[\s\S]*WHERE c\.id = \$1 AND/;

/**
 * `/cases/:id` shows what seven services answer, and each asks whether the caller may see the
 * case. Inside one page those asks share one read per caller (CasesService.sharingCaseReads);
 * each caller still gets only what their own rule lets them see.
 */
describe('the case reads a page shares among the services it asks', () => {
  let t: TestApp;
  let w: World;
  let service: CasesService;
  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t);
    service = t.app.get(CasesService);
  });
  afterAll(() => t.close());

  /** Counts the case reads sent while `run` runs. */
  async function caseReads(run: () => Promise<unknown>): Promise<number> {
    const manager = t.dataSource.manager;
    const query = manager.query.bind(manager);
    let n = 0;
    const spy = jest.spyOn(manager, 'query').mockImplementation((sql, params) => {
      // A read by key goes as a named statement (src/common/prepared-statement.ts).
      const text = typeof sql === 'string' ? sql : (sql as { text: string }).text;
      if (CASE_READ.test(text)) n++;
      return query(sql, params);
    });
    try {
      await run();
    } finally {
      spy.mockRestore();
    }
    return n;
  }

  const principalOf = async (id: string): Promise<Principal> => {
    const [u] = await t.dataSource.query(
      `SELECT id, role, name, organization_id AS "organizationId" FROM users WHERE id = $1`,
      [id],
    );
    return userPrincipal(u)!;
  };

  it('reads a settled case once for its page, which still shows the plan and the agreement', async () => {
    const c = await newCase(t, w, { status: 'settled' });
    const agent = await signedIn(t, w.borrower.email, 'borrower-password-1');
    let html = '';
    const reads = await caseReads(async () => {
      html = (await agent.get(`/cases/${c.id}`).expect(200)).text;
    });
    expect(html).toContain(c.caseNumber);
    for (const section of ['plan', 'agreement', 'judicial', 'timeline']) {
      expect(html).toContain(`<section id="${section}"`);
    }
    expect(reads).toBe(1);
    // The API's routes, one service each, read it each time.
    const api = await caseReads(async () => {
      for (const path of ['', '/agreement', '/plan']) {
        await t
          .http()
          .get(`/api/v1/cases/${c.id}${path}`)
          .set('Authorization', `Bearer ${w.borrower.token}`)
          .expect(200);
      }
    });
    expect(api).toBe(3);
  });

  it('never hands one caller’s read to another inside the same page', async () => {
    const c = await newCase(t, w, { status: 'submitted' });
    const stranger = await newWorld(t);
    const [borrower, otherBorrower, otherClerk, clerk] = await Promise.all([
      principalOf(w.borrower.id),
      principalOf(stranger.borrower.id),
      principalOf(stranger.clerk.id),
      principalOf(w.clerk.id),
    ]);
    const outcomes: string[] = [];
    const reads = await caseReads(() =>
      service.sharingCaseReads(async () => {
        for (const p of [borrower, otherBorrower, otherClerk, clerk, borrower]) {
          outcomes.push(
            await service.get(p, c.id).then(
              (r) => `${p.role}:${r.caseNumber}`,
              (e: { code?: string }) => `${p.role}:${e.code}`,
            ),
          );
        }
      }),
    );
    expect(outcomes).toEqual([
      `borrower:${c.caseNumber}`,
      'borrower:CASE_NOT_FOUND',
      'clerk:CASE_NOT_FOUND',
      `clerk:${c.caseNumber}`,
      `borrower:${c.caseNumber}`,
    ]);
    // One read per caller: the borrower's second ask is their first one's answer.
    expect(reads).toBe(4);
  });

  it('shares nothing with a transaction, nor once the page is done', async () => {
    const c = await newCase(t, w, { status: 'submitted' });
    const borrower = await principalOf(w.borrower.id);
    const seen: string[] = [];
    await service.sharingCaseReads(async () => {
      seen.push((await service.get(borrower, c.id)).status);
      await t.dataSource.transaction(async (m) => {
        await m.query(`UPDATE cases SET status = 'withdrawn', closed_at = now() WHERE id = $1`, [
          c.id,
        ]);
        // What this transaction wrote, not the page's earlier read.
        seen.push((await t.app.get(CaseRepository).findVisible(m, borrower, c.id))!.status);
      });
    });
    seen.push((await service.get(borrower, c.id)).status);
    expect(seen).toEqual(['submitted', 'withdrawn', 'withdrawn']);
  });
});
