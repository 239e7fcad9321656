import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Cursor } from '../common/pagination';
import { queryNamed } from '../common/prepared-statement';
import type { CaseStatus } from '../workflow/states';
import type { Principal } from '../access/principal';
import { caseVisibility, parameters } from '../cases/case-visibility';
import type { AgreementPrint } from './agreement-print.entity';
import { AgreementSignature } from './agreement-signature.entity';
import { AgreementVersion } from './agreement-version.entity';
import { EntityRead } from '../common/entity-read';
import { caseKeyed } from '../common/entity-prefetch';

/** A version with the facts of its case that verification may show (nothing personal). */
export interface VersionWithCase {
  version: AgreementVersion;
  caseNumber: string;
  caseStatus: CaseStatus;
  latestVersion: number;
}

export interface PrintQueueRow {
  caseId: string;
  caseNumber: string;
  borrowerName: string;
  lenderName: string;
  versionId: string;
  version: number;
  sealedAt: Date;
}

// The current version and its signatures: the case page and the PDF read them on every view.
const CURRENT = caseKeyed(
  new EntityRead(AgreementVersion, 'WHERE case_id = $1 ORDER BY version DESC LIMIT 1'),
);
const SIGNATURES = new EntityRead(
  AgreementSignature,
  'WHERE agreement_version_id = $1 ORDER BY signed_at ASC',
);

/** What a PDF download needs of a version: which file, its hash, and the name to give it. */
export interface PdfSource {
  versionId: string;
  version: number;
  caseNumber: string;
  sealed: boolean;
  sha256: string;
  path: string;
}

/** The file a download serves: the sealed final once the version is sealed, the draft before. */
export function servedFile(v: {
  sealed: boolean;
  draftSha256: string;
  draftPdfPath: string;
  sealedSha256: string | null;
  sealedPdfPath: string | null;
}): Pick<PdfSource, 'sealed' | 'sha256' | 'path'> {
  return v.sealed
    ? { sealed: true, sha256: v.sealedSha256!, path: v.sealedPdfPath! }
    : { sealed: false, sha256: v.draftSha256, path: v.draftPdfPath };
}

@Injectable()
export class AgreementRepository {
  async insertVersion(manager: EntityManager, version: AgreementVersion): Promise<void> {
    await manager.insert(AgreementVersion, version);
  }

  async insertSignature(manager: EntityManager, signature: AgreementSignature): Promise<void> {
    await manager.insert(AgreementSignature, signature);
  }

  async markSealed(
    manager: EntityManager,
    versionId: string,
    seal: Pick<
      AgreementVersion,
      'sealedSha256' | 'sealedPdfPath' | 'sealedAt' | 'verificationCode' | 'sealCertificateSha256'
    >,
  ): Promise<void> {
    await manager.update(AgreementVersion, versionId, seal);
  }

  /**
   * A download of a version's PDF, kept for the print queue and the record of prints: one
   * insert per download, written by hand and named (the query builder cost more than it).
   */
  async recordPrint(manager: EntityManager, print: Omit<AgreementPrint, 'id'>): Promise<void> {
    await queryNamed(
      manager,
      `INSERT INTO agreement_prints (agreement_version_id, copy, sha256, role, user_id, api_key_id,
         organization_id, printed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        print.agreementVersionId,
        print.copy,
        print.sha256,
        print.role,
        print.userId,
        print.apiKeyId,
        print.organizationId,
        print.printedAt,
      ],
    );
  }

  /**
   * The file of a case's current version (or of `version`) if the caller may see the case:
   * one named statement of a few columns, where reading the whole case and then the whole
   * version took two, for every download. Null when the case is not visible or has no such
   * version; the caller asks again the long way to say which.
   */
  async pdfSource(
    manager: EntityManager,
    p: Principal,
    caseId: string,
    version?: number,
  ): Promise<PdfSource | null> {
    const { bind, params } = parameters();
    const which = version === undefined ? '' : ` AND v.version = ${bind(version)}`;
    const rows = await queryNamed<{
      id: string;
      version: number;
      case_number: string;
      draft_sha256: string;
      draft_pdf_path: string;
      sealed: boolean;
      sealed_sha256: string | null;
      sealed_pdf_path: string | null;
    }>(
      manager,
      `SELECT v.id, v.version, c.case_number, v.draft_sha256, v.draft_pdf_path,
              v.sealed_at IS NOT NULL AS sealed, v.sealed_sha256, v.sealed_pdf_path
         FROM cases c
         JOIN agreement_versions v ON v.case_id = c.id
        WHERE c.id = ${bind(caseId)} AND ${caseVisibility(p, bind)}${which}
        ORDER BY v.version DESC
        LIMIT 1`,
      params,
    );
    const r = rows[0];
    if (!r) return null;
    return {
      versionId: r.id,
      version: r.version,
      caseNumber: r.case_number,
      ...servedFile({
        sealed: r.sealed,
        draftSha256: r.draft_sha256,
        draftPdfPath: r.draft_pdf_path,
        sealedSha256: r.sealed_sha256,
        sealedPdfPath: r.sealed_pdf_path,
      }),
    };
  }

  /** The current version of a case's agreement: the highest. */
  current(manager: EntityManager, caseId: string): Promise<AgreementVersion | null> {
    return CURRENT.one(manager, [caseId]);
  }

  byVersion(
    manager: EntityManager,
    caseId: string,
    version: number,
  ): Promise<AgreementVersion | null> {
    return manager.findOneBy(AgreementVersion, { caseId, version });
  }

  signatures(manager: EntityManager, versionId: string): Promise<AgreementSignature[]> {
    return SIGNATURES.many(manager, [versionId]);
  }

  byVerificationCode(manager: EntityManager, code: string): Promise<VersionWithCase | null> {
    return this.withCase(manager, 'v.verification_code = $1', code);
  }

  bySealedSha256(manager: EntityManager, sha256: string): Promise<VersionWithCase | null> {
    return this.withCase(manager, 'v.sealed_sha256 = $1', sha256);
  }

  /** The version whose draft PDF has exactly these bytes (a draft someone was given). */
  byDraftSha256(manager: EntityManager, sha256: string): Promise<VersionWithCase | null> {
    return this.withCase(manager, 'v.draft_sha256 = $1', sha256);
  }

  private async withCase(
    manager: EntityManager,
    where: string,
    value: string,
  ): Promise<VersionWithCase | null> {
    const rows: { id: string; case_number: string; status: CaseStatus; latest: number }[] =
      await manager.query(
        `SELECT v.id, c.case_number, c.status,
                (SELECT max(l.version) FROM agreement_versions l WHERE l.case_id = v.case_id) AS latest
           FROM agreement_versions v
           JOIN cases c ON c.id = v.case_id
          WHERE ${where}`,
        [value],
      );
    if (!rows.length) return null;
    const version = await manager.findOneByOrFail(AgreementVersion, { id: rows[0].id });
    return {
      version,
      caseNumber: rows[0].case_number,
      caseStatus: rows[0].status,
      latestVersion: Number(rows[0].latest),
    };
  }

  /**
   * Settled cases of a mediation centre whose sealed agreement no clerk has downloaded yet,
   * oldest settlement first, after the cursor (sealedAt, version id).
   */
  async printQueue(
    manager: EntityManager,
    centerId: string,
    limit: number,
    after?: Cursor,
  ): Promise<PrintQueueRow[]> {
    const rows: {
      case_id: string;
      case_number: string;
      borrower_name: string;
      lender_name: string;
      version_id: string;
      version: number;
      sealed_at: Date;
    }[] = await manager.query(
      `SELECT c.id AS case_id, c.case_number, c.borrower_name, o.name AS lender_name,
              v.id AS version_id, v.version, v.sealed_at
         FROM agreement_versions v
         JOIN cases c ON c.id = v.case_id
         JOIN organizations o ON o.id = c.lender_organization_id
        WHERE c.mediation_center_id = $1
          AND c.status = 'settled'
          AND v.sealed_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM agreement_prints p
                           WHERE p.agreement_version_id = v.id
                             AND p.role = 'clerk' AND p.copy = 'sealed')
          AND ($2::timestamptz IS NULL OR (v.sealed_at, v.id) > ($2::timestamptz, $3::uuid))
        ORDER BY v.sealed_at, v.id
        LIMIT $4`,
      [centerId, after?.at ?? null, after?.id ?? null, limit],
    );
    return rows.map((r) => ({
      caseId: r.case_id,
      caseNumber: r.case_number,
      borrowerName: r.borrower_name,
      lenderName: r.lender_name,
      versionId: r.version_id,
      version: r.version,
      sealedAt: r.sealed_at,
    }));
  }
}
