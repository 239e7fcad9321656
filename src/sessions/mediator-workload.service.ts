import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ApiKeyPrincipal, StaffPrincipal } from '../access/principal';
import { CalendarService } from '../calendar/calendar.service';
import { Clock } from '../common/clock';
import { SLOT_HORIZON_DAYS, nextFreeSlot } from './free-slot';
import type { MediatorWorkloadResponse } from './mediator-workload.dto';
import { MediatorWorkloadRepository } from './mediator-workload.repository';
import { toZonedIso } from './session-rules';

/** The mediators a clerk may assign on `accept`, with what each already carries. */
@Injectable()
export class MediatorWorkloadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workload: MediatorWorkloadRepository,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  async forCentre(p: StaffPrincipal | ApiKeyPrincipal): Promise<MediatorWorkloadResponse[]> {
    const m = this.dataSource.manager;
    const now = this.clock.now();
    const mediators = await this.workload.openCases(m, p.organizationId);
    const horizon = new Date(now.getTime() + (SLOT_HORIZON_DAYS + 1) * 86_400_000);
    const busy = await this.workload.busy(
      m,
      mediators.map((x) => x.id),
      now,
      horizon,
    );
    const calendar = this.calendar.current();
    const working = (date: string) => calendar.day(date).working;
    return mediators.map((x) => {
      const slot = nextFreeSlot(now, busy.get(x.id) ?? [], working);
      return { ...x, nextFreeSlot: slot ? toZonedIso(slot.startsAt) : null };
    });
  }
}
