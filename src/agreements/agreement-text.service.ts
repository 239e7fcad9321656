import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../access/principal';
import { CaseRepository } from '../cases/case.repository';
import { AppError } from '../common/errors/app-error';
import { documentOf } from './agreement-snapshot';
import { agreementText } from './agreement-text';
import type { AgreementText } from './agreement-text';
import { AgreementRepository } from './agreement.repository';

/** The agreement as text, for whoever may see the case (as `GET /cases/:id/agreement`). */
@Injectable()
export class AgreementTextService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly agreements: AgreementRepository,
  ) {}

  /** The text of the current version (the draft being signed), or of an earlier one. */
  async text(p: Principal, caseId: string, version?: number): Promise<AgreementText> {
    const m = this.dataSource.manager;
    if (!(await this.cases.findVisible(m, p, caseId))) {
      throw new AppError('CASE_NOT_FOUND', 'no such case');
    }
    const v =
      version === undefined
        ? await this.agreements.current(m, caseId)
        : await this.agreements.byVersion(m, caseId, version);
    if (!v) throw new AppError('NOT_FOUND', 'this case has no such agreement version');
    return agreementText(documentOf(v));
  }
}
