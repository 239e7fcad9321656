import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { UserPrincipal } from '../access/principal';
import { actorOf } from '../cases/case-action.types';
import { CaseActionsService } from '../cases/case-actions.service';
import type { ConsentKind } from '../cases/case-consent.entity';
import { CaseConsentRepository } from '../cases/case-consent.repository';
import { CaseEventRepository } from '../cases/case-event.repository';
import { CaseRepository } from '../cases/case.repository';
import { CasesService } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { PRIVACY_NOTICE_VERSION } from '../common/privacy-notice-version';
import { PrincipalCache } from '../access/principal-cache';
import { UserRepository } from '../users/user.repository';
import { UserRightsRepository } from '../users/user-rights.repository';
import { NON_TERMINAL_STATUSES } from '../workflow/states';
import { CONSEQUENCES, toAddress, toConsentStates, toRequest } from './consent-consequences';
import type { RightsKind } from './rights-request.entity';
import { RightsRepository } from './rights.repository';
import type {
  ConsentStateResponse,
  CorrectContactDto,
  RightsRequestResponse,
  ServiceAddressEntryResponse,
} from './rights.dto';

/**
 * A person's rights over their data (PIPL arts. 44–47): see it, correct it, withdraw a
 * consent, close the account. Every request is recorded with its answer; a request for a case
 * that is not the person's is not found, like any case they may not see.
 */
@Injectable()
export class RightsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rights: RightsRepository,
    private readonly users: UserRepository,
    private readonly account: UserRightsRepository,
    private readonly cases: CaseRepository,
    private readonly casesService: CasesService,
    private readonly actions: CaseActionsService,
    private readonly consents: CaseConsentRepository,
    private readonly timeline: CaseEventRepository,
    private readonly clock: Clock,
    private readonly principals: PrincipalCache,
  ) {}

  requests(p: UserPrincipal): Promise<RightsRequestResponse[]> {
    return this.rights.list(this.dataSource.manager, p.userId).then((r) => r.map(toRequest));
  }

  /** Corrects email or phone (the account) and the postal address (the cases'), each recorded. */
  correctContact(p: UserPrincipal, dto: CorrectContactDto): Promise<RightsRequestResponse> {
    const fields = (['email', 'phone', 'postalAddress'] as const).filter(
      (f) => dto[f] !== undefined,
    );
    if (!fields.length) {
      throw AppError.validation([
        { field: 'email', message: 'give at least one of email, phone, postalAddress' },
      ]);
    }
    return this.dataSource.transaction(async (m) => {
      const user = await this.account.lock(m, p.userId);
      if (!user) throw new AppError('UNAUTHENTICATED', 'this account no longer exists');
      const email = dto.email?.trim().toLowerCase();
      if (email && email !== user.email && (await this.users.emailTaken(m, email))) {
        throw new AppError('EMAIL_TAKEN', 'another account uses this email');
      }
      let caseIds = await this.rights.caseIdsOf(m, user.id, true);
      if (dto.caseId) {
        if (!caseIds.includes(dto.caseId)) throw new AppError('CASE_NOT_FOUND', 'no such case');
        caseIds = [dto.caseId];
      }
      const now = this.clock.now();
      await this.account.updateContact(m, user.id, {
        ...(email ? { email } : {}),
        ...(dto.phone ? { phone: dto.phone } : {}),
      });
      for (const caseId of caseIds) {
        const was = await this.consents.current(m, caseId);
        const c = await this.cases.reload(m, caseId);
        await this.consents.insertAddress(m, {
          caseId,
          email: email ?? user.email,
          phone: dto.phone ?? user.phone,
          postalAddress: dto.postalAddress?.trim() ?? was?.postalAddress ?? null,
          reason: 'change',
          confirmedBy: user.id,
          createdAt: now,
        });
        await this.timeline.append(m, {
          caseId,
          action: 'service_address_changed',
          from: c.status,
          to: c.status,
          actor: actorOf(p),
          input: { fields },
          at: now,
        });
      }
      return toRequest(
        await this.rights.record(m, {
          userId: user.id,
          kind: 'correction',
          caseId: dto.caseId ?? null,
          request: { fields },
          outcome: 'done',
          answer: `corrected ${fields.join(', ')}; the service address of ${caseIds.length} open case(s) changed`,
          createdAt: now,
        }),
      );
    });
  }

  async consentsOf(p: UserPrincipal, caseId: string): Promise<ConsentStateResponse[]> {
    await this.ownCase(p, caseId);
    return this.consentStates(this.dataSource.manager, caseId);
  }

  async addressesOf(p: UserPrincipal, caseId: string): Promise<ServiceAddressEntryResponse[]> {
    await this.ownCase(p, caseId);
    return (await this.consents.history(this.dataSource.manager, caseId)).map(toAddress);
  }

  /** Withdraws a consent in force; sharing with the lender withdraws the application with it. */
  async withdraw(
    p: UserPrincipal,
    caseId: string,
    kind: ConsentKind,
  ): Promise<RightsRequestResponse> {
    const c = await this.ownCase(p, caseId);
    const m = this.dataSource.manager;
    if (!(await this.consents.inForce(m, caseId)).has(kind)) {
      await this.refuse(p, 'withdrawal', caseId, { kind }, 'this consent is not in force');
      throw new AppError('CONFLICT', `there is no consent to ${kind} in force on this case`);
    }
    if (kind === 'electronicService' && !(await this.consents.current(m, caseId))?.postalAddress) {
      await this.refuse(p, 'withdrawal', caseId, { kind }, 'no postal address to serve by post');
      throw AppError.validation([
        {
          field: 'postalAddress',
          message:
            'give a postal address first (PATCH /api/v1/me/contact): notices are posted there',
        },
      ]);
    }
    if (kind === 'shareWithLender' && NON_TERMINAL_STATUSES.includes(c.status)) {
      await this.actions.act(p, caseId, 'withdraw', {
        reason: 'The borrower withdrew consent to share their data with the lender.',
      });
    }
    return this.dataSource.transaction(async (tx) => {
      const now = this.clock.now();
      const row = await this.cases.lockById(tx, caseId);
      await this.consents.withdraw(tx, caseId, kind, now);
      await this.timeline.append(tx, {
        caseId,
        action: 'consent_withdrawn',
        from: row!.status,
        to: row!.status,
        actor: actorOf(p),
        input: { kind },
        at: now,
      });
      return toRequest(
        await this.rights.record(tx, {
          userId: p.userId,
          kind: 'withdrawal',
          caseId,
          request: { kind },
          outcome: 'done',
          answer: CONSEQUENCES[kind],
          createdAt: now,
        }),
      );
    });
  }

  /** Closes the account where no case is open; closed cases stay for their legal period. */
  async closeAccount(p: UserPrincipal): Promise<RightsRequestResponse> {
    const m = this.dataSource.manager;
    const open = await this.rights.caseIdsOf(m, p.userId, true);
    if (open.length) {
      await this.refuse(p, 'deletion', null, {}, `${open.length} case(s) still open`);
      throw new AppError(
        'CONFLICT',
        `you have ${open.length} open case(s): withdraw or finish them before closing the account`,
      );
    }
    const closed = await this.dataSource.transaction(async (tx) => {
      const kept = (await this.rights.caseIdsOf(tx, p.userId)).length;
      await this.account.anonymise(tx, p.userId);
      return toRequest(
        await this.rights.record(tx, {
          userId: p.userId,
          kind: 'deletion',
          caseId: null,
          request: {},
          outcome: 'done',
          answer: `account closed and its contact and identity data deleted; ${kept} closed case file(s) kept for their legal period (30 years from closing)`,
          createdAt: this.clock.now(),
        }),
      );
    });
    // Signed out from the next request on, here as by a deactivation.
    this.principals.forget(p.userId);
    return closed;
  }

  async acceptNotice(p: UserPrincipal, version: string): Promise<void> {
    if (version !== PRIVACY_NOTICE_VERSION) {
      throw AppError.validation([
        { field: 'version', message: `must be the current version ${PRIVACY_NOTICE_VERSION}` },
      ]);
    }
    await this.account.accept(this.dataSource.manager, p.userId, version, this.clock.now());
  }

  private async ownCase(p: UserPrincipal, caseId: string) {
    const c = await this.cases.findVisible(this.dataSource.manager, p, caseId);
    if (!c || c.borrowerId !== p.userId) throw new AppError('CASE_NOT_FOUND', 'no such case');
    return c;
  }

  private async consentStates(m: EntityManager, caseId: string): Promise<ConsentStateResponse[]> {
    return toConsentStates(await this.consents.list(m, caseId));
  }

  private async refuse(
    p: UserPrincipal,
    kind: RightsKind,
    caseId: string | null,
    request: Record<string, unknown>,
    answer: string,
  ): Promise<void> {
    await this.rights.record(this.dataSource.manager, {
      userId: p.userId,
      kind,
      caseId,
      request,
      outcome: 'refused',
      answer,
      createdAt: this.clock.now(),
    });
  }
}
