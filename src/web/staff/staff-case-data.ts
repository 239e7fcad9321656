import { Injectable } from '@nestjs/common';
import type { Principal } from '../../access/principal';
import type { CaseResponse } from '../../cases/case-response.dto';
import { MediatorWorkloadService } from '../../sessions/mediator-workload.service';
import { SESSION_MODES } from '../../sessions/session.entity';
import type { ServedParty } from '../../workflow/service-notices';

/** The parties whose consent an extension needs, in the order the page lists them. */
const SERVED_PARTIES: readonly ServedParty[] = ['borrower', 'lender'];

/**
 * What the case page adds for staff, read through the services of the API routes that answer
 * the same question: the mediators to choose from on `accept` (`GET /mediators/workload`), and
 * each party's consent to an open extension proposal (the case answer's `extensionProposal`).
 */
@Injectable()
export class StaffCaseData {
  constructor(private readonly workload: MediatorWorkloadService) {}

  async load(p: Principal, c: CaseResponse): Promise<Record<string, unknown>> {
    const data: Record<string, unknown> = { isStaff: p.role !== 'borrower' };
    if (p.role === 'clerk' && c.allowedActions.includes('accept')) {
      data.mediators = await this.workload.forCentre(p);
    }
    if (c.extensionProposal) {
      // Who has consented so far: the term moves only once both parties have.
      data.proposalConsents = SERVED_PARTIES.map((party) => ({
        party,
        agreed: c.extensionProposal!.agreedBy.includes(party),
      }));
    }
    if (p.role === 'mediator') {
      data.sessionModes = SESSION_MODES.map((m) => ({ value: m, key: `case.session.mode.${m}` }));
      // The slot check and the live schedule preview; the forms work without it.
      data.scripts = ['staff.js'];
    }
    return data;
  }
}
