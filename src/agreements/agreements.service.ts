import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ApiKeyPrincipal, Principal, StaffPrincipal } from '../access/principal';
import type { CaseRecord } from '../cases/case.entity';
import { CaseRepository } from '../cases/case.repository';
import { Clock } from '../common/clock';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { verifySealedPdf } from '../seal/verify-sealed-pdf';
import { AppError } from '../common/errors/app-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, pageOf } from '../common/pagination';
import { sha256Hex } from '../common/hash';
import { AgreementStorage } from './agreement-storage';
import type { AgreementVersion } from './agreement-version.entity';
import { toAgreementResponse, toSealCheck, toVerificationResponse } from './agreement.mapper';
import { AgreementRepository, servedFile } from './agreement.repository';
import type { PdfSource, VersionWithCase } from './agreement.repository';
import type {
  AgreementResponse,
  PrintQueueQuery,
  PrintQueueResponse,
  VerificationResponse,
} from './agreements.dto';
import { normalizeVerificationCode } from './verification-code';

export interface AgreementPdf {
  bytes: Buffer;
  sha256: string;
  filename: string;
}

@Injectable()
export class AgreementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly agreements: AgreementRepository,
    private readonly storage: AgreementStorage,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The current version (or an earlier one) of the agreement of a case the caller may see. */
  async get(p: Principal, caseId: string, version?: number): Promise<AgreementResponse> {
    const m = this.dataSource.manager;
    const { c, v, current } = await this.load(m, p, caseId, version);
    return this.respond(m, c, v, current);
  }

  /** The current version, or null while the case has none yet (a case page asks at every step). */
  async findCurrent(p: Principal, caseId: string): Promise<AgreementResponse | null> {
    const m = this.dataSource.manager;
    const { c, current } = await this.visibleCurrent(m, p, caseId);
    return current && this.respond(m, c, current, current.version);
  }

  private async respond(
    m: EntityManager,
    c: CaseRecord,
    v: AgreementVersion,
    current: number,
  ): Promise<AgreementResponse> {
    return toAgreementResponse(
      v,
      await this.agreements.signatures(m, v.id),
      { caseNumber: c.caseNumber, caseStatus: c.status, currentVersion: current },
      this.config.publicBaseUrl,
    );
  }

  /**
   * The PDF as it stands: the sealed file once the mediator confirmed it, the draft before; always
   * the stored bytes, checked against their recorded hash. Every download is recorded.
   */
  async pdf(p: Principal, caseId: string, version?: number): Promise<AgreementPdf> {
    // No transaction: a version row changes once, sealed in one update, its files are never
    // rewritten, and the print is one insert, recorded before a byte is sent.
    const m = this.dataSource.manager;
    const source =
      (await this.agreements.pdfSource(m, p, caseId, version)) ??
      // Not visible, no agreement, or no such version: the long way says which (and answers
      // the source if it came into being in between).
      (await this.sourceOf(m, p, caseId, version));
    const bytes = await this.storage.read(source.path, source.sha256);
    const copy = source.sealed ? 'sealed' : 'draft';
    await this.agreements.recordPrint(m, {
      agreementVersionId: source.versionId,
      copy,
      sha256: source.sha256,
      role: p.role,
      userId: p.userId,
      apiKeyId: p.apiKeyId,
      organizationId: p.organizationId,
      printedAt: this.clock.now(),
    });
    return {
      bytes,
      sha256: source.sha256,
      filename: `${source.caseNumber}-agreement-v${source.version}-${copy}.pdf`,
    };
  }

  private async sourceOf(
    m: EntityManager,
    p: Principal,
    caseId: string,
    version?: number,
  ): Promise<PdfSource> {
    const { c, v } = await this.load(m, p, caseId, version);
    return {
      versionId: v.id,
      version: v.version,
      caseNumber: c.caseNumber,
      ...servedFile({ ...v, sealed: v.sealedAt !== null }),
    };
  }

  /** A clerk's queue: settled cases of their centre whose sealed agreement no clerk printed yet. */
  async printQueue(
    p: StaffPrincipal | ApiKeyPrincipal,
    q: PrintQueueQuery,
  ): Promise<PrintQueueResponse> {
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.agreements.printQueue(
      this.dataSource.manager,
      p.organizationId,
      limit + 1,
      q.cursor ? decodeCursor(q.cursor) : undefined,
    );
    const { items, nextCursor } = pageOf(rows, limit, (r) => [r.sealedAt, r.versionId]);
    return {
      items: items.map((r) => ({
        caseId: r.caseId,
        caseNumber: r.caseNumber,
        borrowerName: r.borrowerName,
        lenderName: r.lenderName,
        version: r.version,
        sealedAt: r.sealedAt.toISOString(),
      })),
      nextCursor,
    };
  }

  /**
   * The agreement a verification code names: only sealed finals have one. Its stored file's
   * electronic seal is checked too, as anyone checking the PDF would.
   */
  async verifyCode(code: string): Promise<VerificationResponse> {
    const normalized = normalizeVerificationCode(code);
    const found = normalized
      ? await this.agreements.byVerificationCode(this.dataSource.manager, normalized)
      : null;
    if (!found) throw new AppError('NOT_FOUND', 'no agreement has this verification code');
    const v = found.version;
    const bytes = await this.storage.read(v.sealedPdfPath!, v.sealedSha256!);
    return verification(found, { draft: false, seal: toSealCheck(v, verifySealedPdf(bytes)) });
  }

  /**
   * Whether these exact bytes are an agreement of this service, and which: a sealed final,
   * whose electronic seal (PAdES) is checked, or a draft someone was given, which is said to
   * be one. Anything else, a changed byte included, is not one of ours (404).
   */
  async verifyFile(bytes: Buffer): Promise<VerificationResponse> {
    const m = this.dataSource.manager;
    const sha256 = sha256Hex(bytes);
    const sealed = await this.agreements.bySealedSha256(m, sha256);
    if (sealed) {
      const seal = toSealCheck(sealed.version, verifySealedPdf(bytes));
      return verification(sealed, { draft: false, seal });
    }
    const draft = await this.agreements.byDraftSha256(m, sha256);
    if (draft) return verification(draft, { draft: true });
    throw new AppError('NOT_FOUND', 'this file is not an agreement of this service');
  }

  private async load(
    m: EntityManager,
    p: Principal,
    caseId: string,
    version?: number,
  ): Promise<{ c: CaseRecord; v: AgreementVersion; current: number }> {
    const { c, current } = await this.visibleCurrent(m, p, caseId);
    if (!current) throw new AppError('NOT_FOUND', 'this case has no agreement yet');
    const v =
      version === undefined || version === current.version
        ? current
        : await this.agreements.byVersion(m, c.id, version);
    if (!v) throw new AppError('NOT_FOUND', `this agreement has no version ${version}`);
    return { c, v, current: current.version };
  }

  /** The case if the caller may see it (else CASE_NOT_FOUND), and its current version if any. */
  private async visibleCurrent(
    m: EntityManager,
    p: Principal,
    caseId: string,
  ): Promise<{ c: CaseRecord; current: AgreementVersion | null }> {
    const c = await this.cases.findVisible(m, p, caseId);
    if (!c) throw new AppError('CASE_NOT_FOUND', 'no such case');
    return { c, current: await this.agreements.current(m, c.id) };
  }
}

const verification = (f: VersionWithCase, found: Parameters<typeof toVerificationResponse>[2]) =>
  toVerificationResponse(
    f.version,
    { caseNumber: f.caseNumber, caseStatus: f.caseStatus, currentVersion: f.latestVersion },
    found,
  );
