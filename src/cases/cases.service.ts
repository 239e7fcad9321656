import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal';
import { principalScope } from '../auth/principal';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { IdempotencyService, requestHash } from '../common/idempotency/idempotency.service';
import { yuanToFen } from '../common/money';
import { decodeCursor, DEFAULT_PAGE_SIZE, pageOf } from '../common/pagination';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import { CaseEvent } from '../workflow/case-event.entity';
import { CaseConsent, CONSENTS } from './case-consent.entity';
import { CaseRecord } from './case.entity';
import { toCaseResponse } from './case.mapper';
import { CaseRepository } from './case.repository';
import {
  CaseEventResponse,
  CaseListQuery,
  CaseListResponse,
  CaseResponse,
  FileCaseDto,
} from './cases.dto';
import { PRIVACY_NOTICE_VERSION } from './privacy-notice';

@Injectable()
export class CasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
  ) {}

  /** Filing: the application, its consents and the first timeline event, in one transaction. */
  async file(p: Principal, dto: FileCaseDto, idempotencyKey?: string): Promise<CaseResponse> {
    if (dto.consents.privacyNoticeVersion !== PRIVACY_NOTICE_VERSION) {
      throw AppError.validation([
        {
          field: 'consents.privacyNoticeVersion',
          message: `must be the current notice version ${PRIVACY_NOTICE_VERSION}; read GET /api/v1/privacy-notice`,
        },
      ]);
    }
    const answer = await this.dataSource.transaction((manager) =>
      this.idempotency.run(
        manager,
        principalScope(p),
        idempotencyKey,
        requestHash(['file', dto]),
        async () => {
          const lender = await manager.findOneBy(Organization, { id: dto.lenderOrganizationId });
          if (!lender || lender.type !== 'lender') {
            throw AppError.validation([
              { field: 'lenderOrganizationId', message: 'must be a lender organization' },
            ]);
          }
          const center = dto.mediationCenterId
            ? await manager.findOneBy(Organization, {
                id: dto.mediationCenterId,
                type: 'mediation_center',
              })
            : await manager.findOne(Organization, {
                where: { type: 'mediation_center' },
                order: { createdAt: 'ASC' },
              });
          if (!center) {
            throw dto.mediationCenterId
              ? AppError.validation([
                  { field: 'mediationCenterId', message: 'must be a mediation centre' },
                ])
              : new AppError('CONFLICT', 'no mediation centre has been set up yet');
          }
          const borrower = await manager.findOneByOrFail(User, { id: p.userId! });
          const now = this.clock.now();
          const [{ seq }] = await manager.query(`SELECT nextval('case_number_seq') AS seq`);
          const caseNumber = `MED-${now.getUTCFullYear()}-${String(seq).padStart(6, '0')}`;
          const saved = await manager.save(
            CaseRecord,
            manager.create(CaseRecord, {
              caseNumber,
              status: 'submitted',
              closureReason: null,
              borrowerId: borrower.id,
              borrowerName: borrower.name,
              lenderOrganizationId: lender.id,
              mediationCenterId: center.id,
              mediatorId: null,
              loanContractNumber: dto.loan.contractNumber,
              loanPrincipalFen: yuanToFen(dto.loan.principal),
              loanOutstandingFen: yuanToFen(dto.loan.outstandingAmount),
              loanOverdueSince: dto.loan.overdueSince,
              overdueReason: dto.overdueReason,
              reasonDetail: dto.reasonDetail,
              proposal: {
                installments: dto.proposal.installments,
                requestWaiver: dto.proposal.requestWaiver,
                note: dto.proposal.note ?? null,
              },
              counterProposal: null,
              preferredMode: dto.preferredMode,
              locale: dto.locale ?? 'zh-CN',
              createdAt: now,
              updatedAt: now,
            }),
          );
          await manager.insert(
            CaseConsent,
            CONSENTS.map((kind) => ({
              caseId: saved.id,
              kind,
              privacyNoticeVersion: dto.consents.privacyNoticeVersion,
              grantedBy: borrower.id,
              grantedAt: now,
            })),
          );
          await manager.insert(CaseEvent, {
            caseId: saved.id,
            action: 'file',
            fromStatus: null,
            toStatus: 'submitted',
            actorRole: p.role,
            actorUserId: p.userId,
            input: { lenderOrganizationId: lender.id, overdueReason: dto.overdueReason },
            createdAt: now,
          });
          return {
            status: 201,
            body: toCaseResponse(await this.cases.reload(manager, saved.id), p),
          };
        },
      ),
    );
    return answer.body as CaseResponse;
  }

  async get(p: Principal, id: string): Promise<CaseResponse> {
    const c = await this.cases.findVisible(this.dataSource.manager, p, id);
    if (!c) throw new AppError('CASE_NOT_FOUND', 'no such case');
    return toCaseResponse(c, p);
  }

  async list(p: Principal, q: CaseListQuery): Promise<CaseListResponse> {
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.cases.list(this.dataSource.manager, p, {
      status: q.status,
      q: q.q?.trim() || undefined,
      lenderResponseDueBefore: q.answerDueBefore ? new Date(q.answerDueBefore) : undefined,
      contractNumber: q.contractNumber,
      limit,
      after: q.cursor ? decodeCursor(q.cursor) : undefined,
    });
    const { items, nextCursor } = pageOf(rows, limit, (c) => [c.createdAt, c.id]);
    return { items: items.map((c) => toCaseResponse(c, p)), nextCursor };
  }

  async events(p: Principal, id: string): Promise<CaseEventResponse[]> {
    if (!(await this.cases.findVisible(this.dataSource.manager, p, id))) {
      throw new AppError('CASE_NOT_FOUND', 'no such case');
    }
    const events = await this.dataSource.manager.find(CaseEvent, {
      where: { caseId: id },
      order: { id: 'ASC' },
    });
    return events.map((e) => ({
      id: e.id,
      action: e.action,
      from: e.fromStatus,
      to: e.toStatus,
      actor: {
        role: e.actorRole,
        userId: e.actorUserId,
        apiKeyId: e.actorApiKeyId,
        organizationId: e.actorOrganizationId,
      },
      input: e.input,
      at: e.createdAt.toISOString(),
    }));
  }
}
