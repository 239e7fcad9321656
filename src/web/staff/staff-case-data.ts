import { Injectable } from '@nestjs/common';
import type { Principal } from '../../access/principal';
import type { CaseResponse } from '../../cases/cases.dto';
import { MediatorWorkloadService } from '../../sessions/mediator-workload.service';

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
    return data;
  }
}
