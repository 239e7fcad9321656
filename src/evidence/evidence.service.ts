import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal, UserPrincipal } from '../access/principal';
import { AccessLogService } from '../cases/access-log.service';
import { BorrowerThrottle } from '../cases/borrower-throttle';
import { CaseRepository } from '../cases/case.repository';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { AppError } from '../common/errors/app-error';
import { sha256Hex } from '../common/hash';
import type { UploadedFile } from '../common/upload';
import { TERMINAL_STATUSES } from '../workflow/states';
import type { Evidence } from './evidence.entity';
import { EvidenceRepository } from './evidence.repository';
import { storedFilename, uploadedFileType } from './evidence-file';
import type { EvidenceResponse } from './evidence.dto';

export type { EvidenceResponse };

const toResponse = (e: Evidence): EvidenceResponse => ({
  id: e.id,
  filename: e.filename,
  mimeType: e.mimeType,
  sizeBytes: e.sizeBytes,
  sha256: e.sha256,
  uploadedBy: e.uploadedBy,
  createdAt: e.createdAt.toISOString(),
});

@Injectable()
export class EvidenceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly evidence: EvidenceRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly throttle: BorrowerThrottle,
    private readonly accessLog: AccessLogService,
  ) {}

  async upload(p: UserPrincipal, caseId: string, file: UploadedFile): Promise<EvidenceResponse> {
    const c = await this.cases.findVisible(this.dataSource.manager, p, caseId);
    if (!c) throw new AppError('CASE_NOT_FOUND', 'no such case');
    if (TERMINAL_STATUSES.includes(c.status)) {
      throw new AppError(
        'INVALID_TRANSITION',
        `the case is ${c.status}; no more evidence can be added`,
        {
          currentStatus: c.status,
        },
      );
    }
    await this.throttle.beforeUpload(p);
    const type = await uploadedFileType(file.buffer, 'evidence');
    const ext = type.ext;
    const id = randomUUID();
    const relative = join('evidence', caseId, `${id}.${ext}`);
    const absolute = join(this.config.dataDir, relative);
    // Personal data: readable by the service's user only.
    await mkdir(join(this.config.dataDir, 'evidence', caseId), { recursive: true, mode: 0o700 });
    // Written whole before the row exists, so a listed file is always complete.
    await writeFile(`${absolute}.part`, file.buffer, { mode: 0o600 });
    await rename(`${absolute}.part`, absolute);
    const saved = await this.evidence.insert(this.dataSource.manager, {
      id,
      caseId,
      uploadedBy: p.userId,
      filename: storedFilename(file.filename, ext),
      mimeType: type.mime,
      sizeBytes: file.buffer.length,
      sha256: sha256Hex(file.buffer),
      storagePath: relative,
    });
    return toResponse(saved);
  }

  async list(p: Principal, caseId: string): Promise<EvidenceResponse[]> {
    if (!(await this.cases.findVisible(this.dataSource.manager, p, caseId))) {
      throw new AppError('CASE_NOT_FOUND', 'no such case');
    }
    const rows = await this.evidence.listForCase(this.dataSource.manager, caseId);
    return rows.map(toResponse);
  }

  async open(p: Principal, caseId: string, evidenceId: string) {
    if (!(await this.cases.findVisible(this.dataSource.manager, p, caseId))) {
      throw new AppError('CASE_NOT_FOUND', 'no such case');
    }
    const e = await this.evidence.findOnCase(this.dataSource.manager, caseId, evidenceId);
    if (!e) throw new AppError('NOT_FOUND', 'no such evidence on this case');
    await this.accessLog.recordPersonalDataRead(p, [caseId], ['evidence'], `evidence:${e.id}`);
    return { evidence: e, stream: createReadStream(join(this.config.dataDir, e.storagePath)) };
  }
}
