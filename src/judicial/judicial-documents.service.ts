import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { DataSource } from 'typeorm';
import type { Principal } from '../access/principal';
import { AgreementsService } from '../agreements/agreements.service';
import { describeDeadline } from '../calendar/deadline-wording';
import { CaseRepository } from '../cases/case.repository';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { sha256Hex } from '../common/hash';
import { EvidenceService } from '../evidence/evidence.service';
import { formatDeadline } from '../notifications/mail-context.builder';
import { renderApplicationPdf } from './judicial-application.pdf';
import { JudicialRepository } from './judicial.repository';

export interface JudicialFile {
  bytes: Buffer;
  filename: string;
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/**
 * The documents of the hand-off: the joint application prefilled from the sealed agreement,
 * and the packet for the court (the application, the sealed agreement as stored, every
 * evidence file, and a list of them with their SHA-256). The agreement and the evidence are
 * read through their own services, so each download is recorded as theirs are.
 */
@Injectable()
export class JudicialDocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly repo: JudicialRepository,
    private readonly agreements: AgreementsService,
    private readonly evidence: EvidenceService,
    private readonly clock: Clock,
  ) {}

  async application(p: Principal, caseId: string): Promise<JudicialFile> {
    const m = this.dataSource.manager;
    const c = await this.cases.findVisible(m, p, caseId);
    if (!c) throw new AppError('CASE_NOT_FOUND', 'case not found');
    const j = await this.repo.find(m, caseId);
    if (!j) throw new AppError('NOT_FOUND', 'no judicial confirmation was asked for on this case');
    const v = await this.repo.versionById(m, j.agreementVersionId);
    const evidence = await this.evidence.list(p, caseId);
    const bytes = await renderApplicationPdf({
      caseNumber: c.caseNumber,
      document: v.document,
      agreementVersion: v.version,
      verificationCode: v.verificationCode!,
      settlementFen: v.settlementFen,
      installments: v.installments,
      effectiveAt: v.sealedAt!,
      court: j.courtName,
      deadlineWords:
        `${formatDeadline(j.deadlineAt, 'zh-CN')}届满（` +
        `${describeDeadline(j.deadline, 'zh-CN', { from: 'date' })}）`,
      borrowerJoinedAt: j.borrowerJoinedAt,
      lenderJoinedAt: j.lenderJoinedAt,
      evidence,
      producedAt: this.clock.now(),
    });
    return { bytes, filename: `judicial-confirmation-application-${c.caseNumber}.pdf` };
  }

  async packet(p: Principal, caseId: string): Promise<JudicialFile> {
    const c = await this.cases.findVisible(this.dataSource.manager, p, caseId);
    if (!c) throw new AppError('CASE_NOT_FOUND', 'case not found');
    const application = await this.application(p, caseId);
    const agreement = await this.agreements.pdf(p, caseId);
    const files: { name: string; bytes: Buffer; what: string }[] = [
      { name: `01-司法确认申请书.pdf`, bytes: application.bytes, what: '司法确认申请书' },
      {
        name: `02-调解协议书-${agreement.filename}`,
        bytes: agreement.bytes,
        what: '调解协议书（已盖章）',
      },
    ];
    const list = await this.evidence.list(p, caseId);
    for (const [i, e] of list.entries()) {
      const { stream } = await this.evidence.open(p, caseId, e.id);
      const n = String(i + 1).padStart(2, '0');
      files.push({
        name: `03-证据材料/${n}-${e.filename}`,
        bytes: await bytesOf(stream),
        what: '证据材料',
      });
    }
    const now = this.clock.now();
    const lines = [
      `司法确认申请材料清单（调解案号 ${c.caseNumber}）`,
      `生成时间：${formatDeadline(now, 'zh-CN')}`,
      '',
      ...files.map(
        (f, i) =>
          `${i + 1}. ${f.what}：${f.name}（${f.bytes.length} 字节，SHA-256 ${sha256Hex(f.bytes)}）`,
      ),
      '',
    ];
    const zip: Zippable = { '00-材料清单.txt': strToU8(lines.join('\n')) };
    for (const f of files) zip[f.name] = f.bytes;
    return {
      bytes: Buffer.from(zipSync(zip, { level: 6, mtime: now })),
      filename: `judicial-confirmation-${c.caseNumber}.zip`,
    };
  }
}
