import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StaffPrincipal } from '../access/principal';
import { actorOf } from '../cases/case-action.types';
import { CaseEventRepository } from '../cases/case-event.repository';
import { CaseRepository } from '../cases/case.repository';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import type { PostalTask } from './postal-task.entity';
import { PostalTaskRepository } from './postal-task.repository';
import type { PostalTaskDoneDto, PostalTaskResponse } from './postal-tasks.dto';

const toResponse = (t: PostalTask): PostalTaskResponse => ({
  id: t.id,
  caseId: t.caseId,
  kind: t.kind,
  recipientName: t.recipientName,
  postalAddress: t.postalAddress,
  subject: t.subject,
  textBody: t.textBody,
  status: t.status,
  doneAt: t.doneAt?.toISOString() ?? null,
  doneBy: t.doneBy,
  trackingNumber: t.trackingNumber,
  createdAt: t.createdAt.toISOString(),
});

/** The clerks' queue of notices to post to borrowers who declined electronic service. */
@Injectable()
export class PostalTasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tasks: PostalTaskRepository,
    private readonly cases: CaseRepository,
    private readonly timeline: CaseEventRepository,
    private readonly clock: Clock,
  ) {}

  async list(p: StaffPrincipal, status: 'open' | 'done' = 'open'): Promise<PostalTaskResponse[]> {
    const rows = await this.tasks.listForCenter(this.dataSource.manager, p.organizationId, status);
    return rows.map(toResponse);
  }

  /** Posted: the task is done and the case's timeline says so (the posting is the service). */
  done(p: StaffPrincipal, id: string, dto: PostalTaskDoneDto): Promise<PostalTaskResponse> {
    return this.dataSource.transaction(async (manager) => {
      const task = await this.tasks.lockOpen(manager, id, p.organizationId);
      if (!task) throw new AppError('NOT_FOUND', 'no such open postal task in your centre');
      const now = this.clock.now();
      const tracking = dto.trackingNumber?.trim() || null;
      await this.tasks.markDone(manager, id, p.userId, now, tracking);
      const c = await this.cases.reload(manager, task.caseId);
      await this.timeline.append(manager, {
        caseId: c.id,
        action: 'notice_posted',
        from: c.status,
        to: c.status,
        actor: actorOf(p),
        input: { postalTaskId: id, kind: task.kind, trackingNumber: tracking },
        at: now,
      });
      return toResponse({
        ...task,
        status: 'done',
        doneBy: p.userId,
        doneAt: now,
        trackingNumber: tracking,
      });
    });
  }
}
