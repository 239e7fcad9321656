import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { UserPrincipal } from '../access/principal';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { MediatorWorkloadRepository } from './mediator-workload.repository';
import { checkSlot, toZonedIso } from './session-rules';
import type { SlotCheckQuery, SlotCheckResponse } from './slot-check.dto';

/**
 * Whether the calling mediator is free for a slot, and if not which booking is in the way:
 * asked before booking, so the form can name the conflict before it is sent. The booking
 * itself is still decided by the exclusion constraint (this answer may be stale a moment later).
 */
@Injectable()
export class SlotCheckService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workload: MediatorWorkloadRepository,
    private readonly clock: Clock,
  ) {}

  async check(p: UserPrincipal, q: SlotCheckQuery): Promise<SlotCheckResponse> {
    const checked = checkSlot(q, this.clock.now(), null);
    if (!checked.slot) throw AppError.validation(checked.errors);
    const conflict = await this.workload.firstOverlap(
      this.dataSource.manager,
      p.userId,
      checked.slot,
      q.sessionId ?? null,
    );
    return {
      free: conflict === null,
      conflict: conflict && {
        caseId: conflict.caseId,
        caseNumber: conflict.caseNumber,
        startsAt: toZonedIso(conflict.startsAt),
        endsAt: toZonedIso(conflict.endsAt),
      },
    };
  }
}
