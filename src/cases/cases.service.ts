import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal, UserPrincipal } from '../access/principal';
import { principalScope } from '../access/principal';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { IdempotencyService, requestHash } from './idempotency.service';
import { actorOf } from './case-action.types';
import { CaseEventRepository } from './case-event.repository';
import { yuanToFen } from '../common/money';
import { decodeCursor, DEFAULT_PAGE_SIZE, pageOf } from '../common/pagination';
import { OrganizationRepository } from '../organizations/organization.repository';
import { UserRepository } from '../users/user.repository';
import { CONSENTS } from './case-consent.entity';
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
    private readonly timeline: CaseEventRepository,
    private readonly organizations: OrganizationRepository,
    private readonly users: UserRepository,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
  ) {}

  /** Filing: the application, its consents and the first timeline event, in one transaction. */
  async file(p: UserPrincipal, dto: FileCaseDto, idempotencyKey?: string): Promise<CaseResponse> {
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
          const lender = await this.organizations.findById(manager, dto.lenderOrganizationId);
          if (!lender || lender.type !== 'lender') {
            throw AppError.validation([
              { field: 'lenderOrganizationId', message: 'must be a lender organization' },
            ]);
          }
          const center = dto.mediationCenterId
            ? await this.organizations.findOfType(
                manager,
                dto.mediationCenterId,
                'mediation_center',
              )
            : await this.organizations.firstOfType(manager, 'mediation_center');
          if (!center) {
            throw dto.mediationCenterId
              ? AppError.validation([
                  { field: 'mediationCenterId', message: 'must be a mediation centre' },
                ])
              : new AppError('CONFLICT', 'no mediation centre has been set up yet');
          }
          const borrower = await this.users.findById(manager, p.userId);
          if (!borrower) throw new AppError('UNAUTHENTICATED', 'this account no longer exists');
          const now = this.clock.now();
          const seq = await this.cases.nextCaseNumberSeq(manager);
          const caseNumber = `MED-${now.getUTCFullYear()}-${String(seq).padStart(6, '0')}`;
          const saved = await this.cases.insert(manager, {
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
            serviceAddress: dto.serviceAddress?.postalAddress
              ? { postalAddress: dto.serviceAddress.postalAddress.trim() }
              : null,
            debtStatement: null,
            preferredMode: dto.preferredMode,
            locale: dto.locale ?? 'zh-CN',
            createdAt: now,
            updatedAt: now,
          });
          await this.cases.insertConsents(
            manager,
            CONSENTS.map((kind) => ({
              caseId: saved.id,
              kind,
              privacyNoticeVersion: dto.consents.privacyNoticeVersion,
              grantedBy: borrower.id,
              grantedAt: now,
            })),
          );
          await this.timeline.append(manager, {
            caseId: saved.id,
            action: 'file',
            from: null,
            to: 'submitted',
            actor: actorOf(p),
            input: { lenderOrganizationId: lender.id, overdueReason: dto.overdueReason },
            at: now,
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
    const events = await this.timeline.listVisible(this.dataSource.manager, p, id);
    if (!events) throw new AppError('CASE_NOT_FOUND', 'no such case');
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
