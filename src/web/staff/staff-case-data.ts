import { Injectable } from '@nestjs/common';
import type { Principal } from '../../access/principal';
import type { CaseResponse } from '../../cases/case-response.dto';
import { MediatorWorkloadService } from '../../sessions/mediator-workload.service';
import { SESSION_MODES } from '../../sessions/session.entity';

/**
 * What the case page adds for staff, read through the services of the API routes that answer
 * the same question: the mediators to choose from on `accept` (`GET /mediators/workload`).
 */
@Injectable()
export class StaffCaseData {
  constructor(private readonly workload: MediatorWorkloadService) {}

  async load(p: Principal, c: CaseResponse): Promise<Record<string, unknown>> {
    const data: Record<string, unknown> = { isStaff: p.role !== 'borrower' };
    if (p.role === 'clerk' && c.allowedActions.includes('accept')) {
      data.mediators = await this.workload.forCentre(p);
    }
    if (p.role === 'mediator') {
      data.sessionModes = SESSION_MODES.map((m) => ({ value: m, key: `case.session.mode.${m}` }));
      // The slot check and the live schedule preview; the forms work without it.
      data.scripts = ['staff.js'];
    }
    return data;
  }
}
