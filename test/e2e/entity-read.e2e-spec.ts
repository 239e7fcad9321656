import { DataSource, EntityManager, EntityNotFoundError, IsNull, MoreThan, Not } from 'typeorm';
import { userPrincipal } from '../../src/access/principal';
import { AgreementSignature } from '../../src/agreements/agreement-signature.entity';
import { AgreementVersion } from '../../src/agreements/agreement-version.entity';
import { AgreementRepository } from '../../src/agreements/agreement.repository';
import { CaseDeadlineRecord } from '../../src/cases/case-deadline.entity';
import { CaseRecord } from '../../src/cases/case.entity';
import { CaseRepository } from '../../src/cases/case.repository';
import { Evidence } from '../../src/evidence/evidence.entity';
import { EvidenceRepository } from '../../src/evidence/evidence.repository';
import { JudicialConfirmation } from '../../src/judicial/judicial-confirmation.entity';
import { JudicialRepository } from '../../src/judicial/judicial.repository';
import { PaymentPlan } from '../../src/plans/payment-plan.entity';
import { PaymentReport } from '../../src/plans/payment-report.entity';
import { PaymentReportRepository } from '../../src/plans/payment-report.repository';
import { PlanInstallment } from '../../src/plans/plan-installment.entity';
import { PlanPayment } from '../../src/plans/plan-payment.entity';
import { PlanRepository } from '../../src/plans/plan.repository';
import { MediationSession } from '../../src/sessions/session.entity';
import { SessionRepository } from '../../src/sessions/session.repository';
import { PageSession } from '../../src/web/page-session.entity';
import { PageSessionRepository } from '../../src/web/page-session.repository';
import { User } from '../../src/users/user.entity';
import { newWorld, World } from './factories';
import { startTestApp, TestApp } from './harness';
import { newCase } from './new-case';
import { PDF, signedIn } from './support/pages';

/**
 * The reads the case page makes on every view go through `EntityRead` (SQL built once, rows
 * hydrated by hand): each must answer exactly what TypeORM's `find` answers for the same rows,
 * the same instances of the entity class with the same values of the same types.
 */
describe('entity reads without the query builder', () => {
  let t: TestApp;
  let w: World;
  let m: EntityManager;
  let settled: string;
  beforeAll(async () => {
    t = await startTestApp();
    w = await newWorld(t);
    m = t.app.get(DataSource).manager;
    const c = await newCase(t, w, { status: 'settled' });
    settled = c.id;
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    for (const [amount, reference] of [
      ['700.00', 'P-1'],
      ['0.01', 'P-2'],
    ]) {
      await t
        .http()
        .post(`/api/v1/cases/${settled}/payments`)
        .set('Authorization', `Bearer ${w.lenderRep.token}`)
        .send({ amount, paidOn: today, reference })
        .expect(201);
    }
    await t
      .http()
      .post(`/api/v1/cases/${settled}/judicial-confirmation`)
      .set('Authorization', `Bearer ${w.borrower.token}`)
      .expect(201);
  });
  afterAll(() => t.close());

  it('reads a settled case’s plan, installments and payments as find does', async () => {
    const repo = t.app.get(PlanRepository);
    const plan = await repo.plan(m, settled);
    expect(plan).toBeInstanceOf(PaymentPlan);
    expect(plan).toStrictEqual(await m.findOne(PaymentPlan, { where: { caseId: settled } }));
    const installments = await repo.installments(m, settled);
    expect(installments).toHaveLength(12);
    expect(installments).toStrictEqual(
      await m.find(PlanInstallment, { where: { caseId: settled }, order: { seq: 'ASC' } }),
    );
    const payments = await repo.payments(m, settled);
    expect(payments.map((p) => p.reference)).toEqual(['P-1', 'P-2']);
    expect(payments).toStrictEqual(
      await m.find(PlanPayment, {
        where: { caseId: settled },
        order: { createdAt: 'ASC', id: 'ASC' },
      }),
    );
  });

  it('reads a settled case’s payment reports with the payment each became, as find does', async () => {
    const sent: string[] = [];
    for (const amount of ['100.00', '50.00']) {
      const r = await t
        .http()
        .post(`/api/v1/cases/${settled}/plan/payment-reports`)
        .set('Authorization', `Bearer ${w.borrower.token}`)
        .field('amount', amount)
        .field('paidOn', new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10))
        .attach('file', PDF, { filename: '转账凭证.pdf', contentType: 'application/pdf' })
        .expect(201);
      sent.push(r.body.id);
    }
    await t
      .http()
      .post(`/api/v1/cases/${settled}/plan/payment-reports/${sent[0]}/confirm`)
      .set('Authorization', `Bearer ${w.lenderRep.token}`)
      .expect(200);
    const reports = await t.app.get(PaymentReportRepository).forCase(m, settled);
    expect(reports.map((r) => r.id)).toEqual(sent);
    expect(reports[0].payment).toBeInstanceOf(PlanPayment);
    expect(reports[1].payment ?? null).toBeNull();
    const found = await m.find(PaymentReport, {
      where: { caseId: settled },
      relations: { payment: true },
      order: { reportedAt: 'ASC', id: 'ASC' },
    });
    expect(reports).toStrictEqual(found);
  });

  it('reads the agreement in force, its signatures, the sessions and the 司法确认 request as find does', async () => {
    const agreements = t.app.get(AgreementRepository);
    const current = await agreements.current(m, settled);
    expect(current).toBeInstanceOf(AgreementVersion);
    expect(current?.sealedAt).toBeInstanceOf(Date);
    expect(current).toStrictEqual(
      await m.findOne(AgreementVersion, { where: { caseId: settled }, order: { version: 'DESC' } }),
    );
    const signatures = await agreements.signatures(m, current!.id);
    expect(signatures.map((s) => s.party).sort()).toEqual(['borrower', 'lender', 'mediator']);
    expect(signatures).toStrictEqual(
      await m.find(AgreementSignature, {
        where: { agreementVersionId: current!.id },
        order: { signedAt: 'ASC' },
      }),
    );
    const judicial = t.app.get(JudicialRepository);
    expect(await judicial.sealedVersion(m, settled)).toStrictEqual(
      await m.findOne(AgreementVersion, {
        where: { caseId: settled, sealedAt: Not(IsNull()) },
        order: { version: 'DESC' },
      }),
    );
    const request = await judicial.find(m, settled);
    expect(request).toBeInstanceOf(JudicialConfirmation);
    expect(request).toStrictEqual(
      await m.findOne(JudicialConfirmation, { where: { caseId: settled } }),
    );
    const sessions = await t.app.get(SessionRepository).listForCase(m, settled);
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions).toStrictEqual(
      await m.find(MediationSession, {
        where: { caseId: settled },
        order: { startsAt: 'ASC', id: 'ASC' },
      }),
    );
  });

  it('loads a case whole with its parties and deadlines, locked or not, as the query builder does', async () => {
    const repo = t.app.get(CaseRepository);
    const asBuilt = async (id: string) => {
      const c = await m
        .createQueryBuilder(CaseRecord, 'c')
        .leftJoinAndSelect('c.borrower', 'borrower')
        .leftJoinAndSelect('c.lenderOrganization', 'lender')
        .leftJoinAndSelect('c.mediationCenter', 'center')
        .leftJoinAndSelect('c.mediator', 'mediator')
        .where('c.id = :id', { id })
        .getOneOrFail();
      c.deadlines = await m.find(CaseDeadlineRecord, {
        where: { caseId: id },
        order: { kind: 'ASC' },
      });
      return c;
    };
    const open = await newCase(t, w, { status: 'lender_notified' });
    const unassigned = await newCase(t, w, { status: 'submitted' });
    await m.query(`UPDATE cases SET mediator_id = NULL WHERE id = $1`, [unassigned.id]);
    for (const id of [settled, open.id, unassigned.id]) {
      const whole = await repo.reload(m, id);
      expect(whole).toBeInstanceOf(CaseRecord);
      expect(whole).toStrictEqual(await asBuilt(id));
    }
    expect((await repo.reload(m, settled)).mediator).toBeInstanceOf(User);
    expect((await repo.reload(m, unassigned.id)).mediator).toBeNull();
    expect((await repo.reload(m, open.id)).deadlines?.length).toBeGreaterThan(0);
    await expect(repo.reload(m, '00000000-0000-4000-8000-000000000000')).rejects.toThrow(
      EntityNotFoundError,
    );

    const principal = async (id: string) => {
      const [u] = await m.query(
        `SELECT id, role, name, organization_id AS "organizationId" FROM users WHERE id = $1`,
        [id],
      );
      return userPrincipal(u)!;
    };
    const stranger = await newWorld(t);
    await t.dataSource.transaction(async (tx) => {
      const locked = await repo.lockVisible(tx, await principal(w.clerk.id), open.id);
      expect(locked).toStrictEqual(await asBuilt(open.id));
      expect(await repo.lockVisible(tx, await principal(stranger.clerk.id), open.id)).toBeNull();
      expect(await repo.lockVisible(tx, await principal(stranger.borrower.id), open.id)).toBeNull();
      expect(await repo.lockById(tx, open.id)).toStrictEqual(await asBuilt(open.id));
    });
  });

  it('finds the file a PDF download serves in one read, only for those who may see the case', async () => {
    const agreements = t.app.get(AgreementRepository);
    const principal = async (id: string) => {
      const [u] = await m.query(
        `SELECT id, role, name, organization_id AS "organizationId" FROM users WHERE id = $1`,
        [id],
      );
      return userPrincipal(u)!;
    };
    const drafted = await newCase(t, w, { status: 'awaiting_signatures' });
    const stranger = await newWorld(t);
    for (const [caseId, sealed] of [
      [settled, true],
      [drafted.id, false],
    ] as const) {
      const v = (await m.findOne(AgreementVersion, {
        where: { caseId },
        order: { version: 'DESC' },
      }))!;
      const { caseNumber } = await m.findOneByOrFail(CaseRecord, { id: caseId });
      const expected = {
        versionId: v.id,
        version: v.version,
        caseNumber,
        sealed,
        sha256: sealed ? v.sealedSha256 : v.draftSha256,
        path: sealed ? v.sealedPdfPath : v.draftPdfPath,
      };
      for (const who of [w.borrower, w.lenderRep, w.mediator, w.clerk]) {
        const p = await principal(who.id);
        expect(await agreements.pdfSource(m, p, caseId)).toStrictEqual(expected);
        expect(await agreements.pdfSource(m, p, caseId, v.version)).toStrictEqual(expected);
        expect(await agreements.pdfSource(m, p, caseId, v.version + 1)).toBeNull();
      }
      for (const who of [
        stranger.borrower,
        stranger.lenderRep,
        stranger.mediator,
        stranger.clerk,
      ]) {
        expect(await agreements.pdfSource(m, await principal(who.id), caseId)).toBeNull();
      }
    }
    const open = await newCase(t, w, { status: 'session_scheduled' });
    expect(await agreements.pdfSource(m, await principal(w.borrower.id), open.id)).toBeNull();
  });

  it('answers null and empty lists where there is nothing, as find does', async () => {
    const open = await newCase(t, w, { status: 'submitted' });
    expect(await t.app.get(PlanRepository).plan(m, open.id)).toBeNull();
    expect(await t.app.get(PlanRepository).installments(m, open.id)).toEqual([]);
    expect(await t.app.get(AgreementRepository).current(m, open.id)).toBeNull();
    expect(await t.app.get(JudicialRepository).find(m, open.id)).toBeNull();
    expect(await t.app.get(EvidenceRepository).listForCase(m, open.id)).toEqual([]);
    for (const name of ['a.pdf', 'b.pdf']) {
      await t
        .http()
        .post(`/api/v1/cases/${open.id}/evidence`)
        .set('Authorization', `Bearer ${w.borrower.token}`)
        .attach('file', PDF, { filename: name, contentType: 'application/pdf' })
        .expect(201);
    }
    const evidence = await t.app.get(EvidenceRepository).listForCase(m, open.id);
    expect(evidence.map((e) => e.filename)).toEqual(['a.pdf', 'b.pdf']);
    expect(evidence).toStrictEqual(
      await m.find(Evidence, { where: { caseId: open.id }, order: { createdAt: 'ASC' } }),
    );
  });

  it('finds a live page session by its token and not a revoked or expired one', async () => {
    await signedIn(t, w.borrower.email, 'borrower-password-1');
    const [row] = await m.find(PageSession, {
      where: { userId: w.borrower.id, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
    });
    const repo = t.app.get(PageSessionRepository);
    const now = new Date();
    expect(await repo.findLive(m, row.tokenHash, now)).toStrictEqual(row);
    expect(await repo.findLive(m, row.tokenHash, new Date(row.expiresAt.getTime() + 1))).toBeNull();
    await repo.revokeByTokenHash(m, row.tokenHash, now);
    expect(await repo.findLive(m, row.tokenHash, now)).toBeNull();
  });
});
