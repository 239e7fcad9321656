import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, Not } from 'typeorm';
import type { Principal } from '../access/principal';
import { caseVisibility, parameters } from '../cases/case-visibility';
import { AgreementVersion } from '../agreements/agreement-version.entity';
import { PaymentPlan } from './payment-plan.entity';
import { PlanInstallment } from './plan-installment.entity';
import { PlanPayment } from './plan-payment.entity';
import { EntityRead } from '../common/entity-read';
import { caseKeyed } from '../common/entity-prefetch';

// The plan, its installments and its payments, as the case page reads them on every view.
const PLAN = caseKeyed(new EntityRead(PaymentPlan, 'WHERE case_id = $1 LIMIT 1'));
const INSTALLMENTS = caseKeyed(new EntityRead(PlanInstallment, 'WHERE case_id = $1 ORDER BY seq'));
const PAYMENTS = caseKeyed(
  new EntityRead(PlanPayment, 'WHERE case_id = $1 ORDER BY created_at, id'),
);

/** The SQL of the plans: the plan row, its installments, its payments. */
@Injectable()
export class PlanRepository {
  /** The sealed version the plan follows: the highest one sealed. */
  sealedVersion(manager: EntityManager, caseId: string): Promise<AgreementVersion | null> {
    return manager.findOne(AgreementVersion, {
      where: { caseId, sealedAt: Not(IsNull()) },
      order: { version: 'DESC' },
    });
  }

  async insertPlan(
    manager: EntityManager,
    plan: PaymentPlan,
    installments: Omit<PlanInstallment, 'id'>[],
  ): Promise<void> {
    await manager.insert(PaymentPlan, plan);
    await manager.insert(PlanInstallment, installments);
  }

  plan(manager: EntityManager, caseId: string): Promise<PaymentPlan | null> {
    return PLAN.one(manager, [caseId]);
  }

  installments(manager: EntityManager, caseId: string): Promise<PlanInstallment[]> {
    return INSTALLMENTS.many(manager, [caseId]);
  }

  payments(manager: EntityManager, caseId: string): Promise<PlanPayment[]> {
    return PAYMENTS.many(manager, [caseId]);
  }

  paymentByReference(
    manager: EntityManager,
    caseId: string,
    reference: string,
  ): Promise<PlanPayment | null> {
    return manager.findOne(PlanPayment, { where: { caseId, reference } });
  }

  async insertPayment(
    manager: EntityManager,
    payment: Omit<PlanPayment, 'id'>,
  ): Promise<PlanPayment> {
    return manager.save(PlanPayment, manager.create(PlanPayment, payment));
  }

  async updateInstallment(
    manager: EntityManager,
    id: string,
    values: Partial<Pick<PlanInstallment, 'paidFen' | 'waivedFen' | 'state'>>,
  ): Promise<void> {
    await manager.update(PlanInstallment, { id }, values);
  }

  async completePlan(manager: EntityManager, caseId: string, at: Date): Promise<void> {
    await manager.update(PaymentPlan, { caseId }, { status: 'completed', completedAt: at });
  }

  /**
   * Locks the cases a bulk file names that the caller may see, in id order (so that two files
   * naming the same cases in another order wait rather than deadlock): each given reference
   * (a case number or an id) to its case id.
   */
  async lockCasesByReference(
    manager: EntityManager,
    p: Principal,
    refs: string[],
  ): Promise<Map<string, string>> {
    const { bind, params } = parameters();
    const list = bind(refs);
    const rows: { id: string; case_number: string }[] = await manager.query(
      `SELECT c.id, c.case_number FROM cases c
        WHERE (c.case_number = ANY(${list}) OR c.id::text = ANY(${list}))
          AND ${caseVisibility(p, bind)}
        ORDER BY c.id FOR UPDATE`,
      params,
    );
    const found = new Map<string, string>();
    for (const r of rows) {
      found.set(r.case_number, r.id);
      found.set(r.id, r.id);
    }
    return found;
  }

  async recordCertificate(
    manager: EntityManager,
    caseId: string,
    values: Pick<PaymentPlan, 'certificateSha256' | 'certificatePath' | 'certificateSealSha256'>,
  ): Promise<void> {
    await manager.update(PaymentPlan, { caseId }, values);
  }

  async byCertificateSha256(
    manager: EntityManager,
    sha256: string,
  ): Promise<{ plan: PaymentPlan; caseNumber: string } | null> {
    const plan = await manager.findOne(PaymentPlan, {
      where: { certificateSha256: sha256 },
      relations: { case: true },
    });
    return plan ? { plan, caseNumber: plan.case!.caseNumber } : null;
  }
}
