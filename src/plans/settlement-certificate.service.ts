import { Inject, Injectable } from '@nestjs/common';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { beijingDate } from '../calendar/calendar-date';
import type { CaseRecord } from '../cases/case.entity';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { sha256Hex } from '../common/hash';
import { fenToYuan } from '../common/money';
import { SealKeyring } from '../seal/seal-keyring';
import { verifySealedPdf } from '../seal/verify-sealed-pdf';
import type { PaymentPlan } from './payment-plan.entity';
import { PlanRepository } from './plan.repository';
import { renderSettlementCertificate } from './settlement-certificate.pdf';

export interface CertificateCheck {
  caseNumber: string;
  completedOn: string;
  paid: string;
  /** What the lender waived of the settlement amount (`"0.00"` when nothing). */
  waived: string;
  sha256: string;
  seal: {
    valid: boolean;
    coversWholeFile: boolean;
    centreCertificate: boolean;
    signer: string | null;
    signedAt: string | null;
    reason?: string;
  };
  /** The seal holds over the whole file, by the certificate that sealed it. */
  intact: boolean;
}

/**
 * The 结清证明 of a completed plan: rendered and sealed with the centre's seal when the last
 * fen is paid (inside the payment's transaction, so a completed plan always has one), kept as
 * a file, and checked byte for byte by the public verification.
 */
@Injectable()
export class SettlementCertificateService {
  constructor(
    private readonly plans: PlanRepository,
    private readonly keyring: SealKeyring,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(m: EntityManager, c: CaseRecord, plan: PaymentPlan, now: Date): Promise<string> {
    const version = await this.plans.sealedVersion(m, c.id);
    if (!version?.verificationCode) throw new Error(`case ${c.id} has no sealed agreement`);
    const identity = this.keyring.forCentre(
      { id: c.mediationCenterId, name: c.mediationCenter!.name },
      now,
    );
    const payments = await this.plans.payments(m, c.id);
    const { paidFen, waivedFen } = await this.settled(m, c.id);
    const pdf = await renderSettlementCertificate(
      {
        caseNumber: c.caseNumber,
        borrowerName: c.borrowerName,
        lenderName: c.lenderOrganization!.name,
        centreName: c.mediationCenter!.name,
        agreementVersion: version.version,
        agreementCode: version.verificationCode,
        settlementFen: plan.settlementFen,
        paidFen,
        waivedFen,
        installments: version.installments,
        payments: payments.length,
        completedOn: beijingDate(now),
        issuedAt: now,
      },
      identity,
    );
    const sha256 = sha256Hex(pdf);
    const path = join('plans', c.id, 'settlement-certificate.pdf');
    await this.write(path, pdf);
    await this.plans.recordCertificate(m, c.id, {
      certificateSha256: sha256,
      certificatePath: path,
      certificateSealSha256: identity.certificateSha256,
    });
    return sha256;
  }

  async read(plan: PaymentPlan): Promise<Buffer | null> {
    if (!plan.certificatePath) return null;
    const bytes = await readFile(join(this.config.dataDir, plan.certificatePath));
    if (sha256Hex(bytes) !== plan.certificateSha256) {
      throw new Error(`the settlement certificate of ${plan.caseId} changed on disk`);
    }
    return bytes;
  }

  /** Whether these bytes are, exactly, a 结清证明 of this service; null when not. */
  async check(m: EntityManager, bytes: Buffer): Promise<CertificateCheck | null> {
    const sha256 = sha256Hex(bytes);
    const found = await this.plans.byCertificateSha256(m, sha256);
    if (!found) return null;
    const check = verifySealedPdf(bytes);
    const { paidFen, waivedFen } = await this.settled(m, found.plan.caseId);
    const centreCertificate =
      check.signer !== null && check.signer.certificateSha256 === found.plan.certificateSealSha256;
    return {
      caseNumber: found.caseNumber,
      completedOn: beijingDate(found.plan.completedAt!),
      paid: fenToYuan(paidFen),
      waived: fenToYuan(waivedFen),
      sha256,
      seal: {
        valid: check.valid,
        coversWholeFile: check.coversWholeFile,
        centreCertificate,
        signer: check.signer?.commonName ?? null,
        signedAt: check.signedAt?.toISOString() ?? null,
        ...(check.valid ? {} : { reason: check.reason }),
      },
      intact: check.valid && check.coversWholeFile && centreCertificate,
    };
  }

  /** What was paid and what was waived over the plan's installments. */
  private async settled(m: EntityManager, caseId: string) {
    const installments = await this.plans.installments(m, caseId);
    return {
      paidFen: installments.reduce((sum, i) => sum + i.paidFen, 0),
      waivedFen: installments.reduce((sum, i) => sum + i.waivedFen, 0),
    };
  }

  private async write(relative: string, bytes: Buffer): Promise<void> {
    const path = join(this.config.dataDir, relative);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, bytes, { mode: 0o600 });
    await rename(temporary, path);
  }
}
