import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { UserPrincipal } from '../access/principal';
import { CaseConsentRepository } from '../cases/case-consent.repository';
import { CasesService } from '../cases/cases.service';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { PRIVACY_NOTICE_VERSION } from '../common/privacy-notice-version';
import { UserRepository } from '../users/user.repository';
import { UserRightsRepository } from '../users/user-rights.repository';
import { toAddress, toConsentStates, toRequest } from './consent-consequences';
import { RightsRepository } from './rights.repository';

/** The right to see and copy (PIPL art. 45): everything held about a person, as JSON. */
@Injectable()
export class RightsExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rights: RightsRepository,
    private readonly users: UserRepository,
    private readonly account: UserRightsRepository,
    private readonly casesService: CasesService,
    private readonly consents: CaseConsentRepository,
    private readonly clock: Clock,
  ) {}

  /** Everything held about the person, as one JSON document (PIPL art. 45). */
  async myData(p: UserPrincipal): Promise<Record<string, unknown>> {
    const m = this.dataSource.manager;
    const user = await this.users.findById(m, p.userId);
    if (!user) throw new AppError('UNAUTHENTICATED', 'this account no longer exists');
    const cases = [];
    for (const id of await this.rights.caseIdsOf(m, user.id)) {
      cases.push({
        case: await this.casesService.get(p, id),
        timeline: await this.casesService.events(p, id),
        consents: toConsentStates(await this.consents.list(m, id)),
        serviceAddresses: (await this.consents.history(m, id)).map(toAddress),
      });
    }
    const now = this.clock.now();
    await this.rights.record(m, {
      userId: user.id,
      kind: 'access',
      caseId: null,
      request: {},
      outcome: 'done',
      answer: `exported the account and ${cases.length} case(s)`,
      createdAt: now,
    });
    return {
      exportedAt: now.toISOString(),
      privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
      account: {
        id: user.id,
        role: user.role,
        name: user.name,
        email: user.email,
        phone: user.phone,
        idNumber: user.idNumber,
        createdAt: user.createdAt.toISOString(),
      },
      privacyAcceptances: (await this.account.acceptances(m, user.id)).map((a) => ({
        version: a.version,
        acceptedAt: a.acceptedAt.toISOString(),
      })),
      cases,
      rightsRequests: (await this.rights.list(m, user.id)).map(toRequest),
    };
  }
}
