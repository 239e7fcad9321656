import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import type { Principal, UserPrincipal } from '../access/principal';
import { principalScope } from '../access/principal';
import { Clock } from '../common/clock';
import { CASE_KEYED_READS, prefetch, prefetching } from '../common/entity-prefetch';
import { AccessLogService } from './access-log.service';
import { BorrowerThrottle } from './borrower-throttle';
import { CaseFiledHook } from './case-filed.hook';
import { AppError } from '../common/errors/app-error';
import { IdempotencyService, requestHash } from './idempotency.service';
import { actorOf } from './case-action.types';
import { CaseEventRepository } from './case-event.repository';
import { yuanToFen } from '../common/money';
import { decodeCursor, DEFAULT_PAGE_SIZE, pageOf } from '../common/pagination';
import { OrganizationRepository } from '../organizations/organization.repository';
import { UserRepository } from '../users/user.repository';
import { UserRightsRepository } from '../users/user-rights.repository';
import { CONSENTS } from './case-consent.entity';
import { CaseConsentRepository } from './case-consent.repository';
import { toCaseResponse } from './case.mapper';
import { CaseRepository } from './case.repository';
import { CaseListQuery, FileCaseDto } from './cases.dto';
import { CaseEventResponse, CaseListResponse, CaseResponse } from './case-response.dto';
import { PRIVACY_NOTICE_VERSION } from './privacy-notice';
import { decodeQueueCursor, encodeQueueCursor, queuePositionOf } from './case-list.query';

/** The instant a Beijing calendar day (plus `days`) begins. */
const startOfBeijingDay = (date: string, days = 0): Date =>
  DateTime.fromISO(date, { zone: 'Asia/Shanghai' }).plus({ days }).toJSDate();

@Injectable()
export class CasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly timeline: CaseEventRepository,
    private readonly organizations: OrganizationRepository,
    private readonly users: UserRepository,
    private readonly idempotency: IdempotencyService,
    private readonly consents: CaseConsentRepository,
    private readonly acceptances: UserRightsRepository,
    private readonly clock: Clock,
    private readonly throttle: BorrowerThrottle,
    private readonly accessLog: AccessLogService,
    private readonly filedHook: CaseFiledHook,
  ) {}

  /** Filing: the application, its consents and the first timeline event, in one transaction. */
  async file(p: UserPrincipal, dto: FileCaseDto, idempotencyKey?: string): Promise<CaseResponse> {
    await this.throttle.beforeFiling(p);
    if (dto.consents.privacyNoticeVersion !== PRIVACY_NOTICE_VERSION) {
      throw AppError.validation([
        {
          field: 'consents.privacyNoticeVersion',
          message: `must be the current notice version ${PRIVACY_NOTICE_VERSION}; read GET /api/v1/privacy-notice`,
        },
      ]);
    }
    if (!dto.consents.electronicService && !dto.serviceAddress?.postalAddress?.trim()) {
      throw AppError.validation([
        {
          field: 'serviceAddress.postalAddress',
          message: 'is required when electronic service is declined: notices are posted there',
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
            CONSENTS.filter((kind) => dto.consents[kind]).map((kind) => ({
              caseId: saved.id,
              kind,
              privacyNoticeVersion: dto.consents.privacyNoticeVersion,
              grantedBy: borrower.id,
              grantedAt: now,
              withdrawnAt: null,
            })),
          );
          await this.acceptances.accept(manager, borrower.id, PRIVACY_NOTICE_VERSION, now);
          await this.consents.insertAddress(manager, {
            caseId: saved.id,
            email: borrower.email,
            phone: borrower.phone,
            postalAddress: dto.serviceAddress?.postalAddress?.trim() || null,
            reason: 'filing',
            confirmedBy: borrower.id,
            createdAt: now,
          });
          await this.timeline.append(manager, {
            caseId: saved.id,
            action: 'file',
            from: null,
            to: 'submitted',
            actor: actorOf(p),
            input: {
              lenderOrganizationId: lender.id,
              overdueReason: dto.overdueReason,
              onlineMediation: dto.consents.onlineMediation,
              electronicService: dto.consents.electronicService,
            },
            at: now,
          });
          const filed = await this.cases.reload(manager, saved.id);
          await this.filedHook.filed(manager, filed, now); // the borrower's receipt
          return { status: 201, body: toCaseResponse(filed, p) };
        },
      ),
    );
    return answer.body as CaseResponse;
  }

  /**
   * Runs a page's reads with the caller's visibility read of a case shared among the services
   * it asks (CaseRepository.shareReads): one statement instead of one per service. Once the
   * page knows the caller sees the case, `prefetchCaseRows` sends the services' reads of its
   * rows by its id (sessions, evidence, agreement, plan, …) as one statement too.
   */
  sharingCaseReads<T>(read: () => Promise<T>): Promise<T> {
    return this.cases.shareReads(() => prefetching(read));
  }

  /**
   * Within `sharingCaseReads`, and only after `get(p, id)` answered (the caller sees the case):
   * starts the one statement that reads the case's rows for every case-keyed read
   * (entity-prefetch.ts). Each service still checks visibility and maps as for its API route.
   */
  prefetchCaseRows(id: string): void {
    prefetch(this.dataSource.manager, CASE_KEYED_READS, id);
  }

  async get(p: Principal, id: string): Promise<CaseResponse> {
    const c = await this.cases.findVisible(this.dataSource.manager, p, id);
    if (!c) throw new AppError('CASE_NOT_FOUND', 'no such case');
    await this.accessLog.recordCaseRead(p, [c.id], 'case');
    return toCaseResponse(c, p);
  }

  async list(p: Principal, q: CaseListQuery): Promise<CaseListResponse> {
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const queue = q.order === 'queue';
    const afterQueue = queue && q.cursor ? decodeQueueCursor(q.cursor) : null;
    if (queue && q.cursor && !afterQueue) decodeCursor('not a queue cursor'); // the usual 400
    const rows = await this.cases.list(this.dataSource.manager, p, {
      status: q.status,
      q: q.q?.trim() || undefined,
      lenderResponseDueBefore: q.answerDueBefore ? new Date(q.answerDueBefore) : undefined,
      contractNumber: q.contractNumber,
      lenderOrganizationId: q.lenderOrganizationId,
      filedFrom: q.filedFrom ? startOfBeijingDay(q.filedFrom) : undefined,
      filedBefore: q.filedTo ? startOfBeijingDay(q.filedTo, 1) : undefined,
      order: q.order,
      limit,
      after: !queue && q.cursor ? decodeCursor(q.cursor) : undefined,
      afterQueue: afterQueue ?? undefined,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor =
      rows.length <= limit
        ? null
        : queue
          ? encodeQueueCursor(queuePositionOf(p, last))
          : pageOf(rows, limit, (c) => [c.createdAt, c.id]).nextCursor;
    await this.accessLog.recordCaseRead(
      p,
      items.map((c) => c.id),
      'case_list',
    );
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
