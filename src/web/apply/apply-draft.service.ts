import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import type { ApplyDraft } from './apply-draft.entity';
import { ApplyDraftRepository } from './apply-draft.repository';
import { APPLY_STEPS } from './apply-steps';
import type { ApplyStep } from './apply-steps';

/** A draft no one touched for this long is dropped: the borrower's data is kept no longer. */
export const DRAFT_RETENTION_MS = 30 * 24 * 3600_000;

/** The borrower's application draft on /apply (see ApplyDraft). */
@Injectable()
export class ApplyDraftService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly drafts: ApplyDraftRepository,
    private readonly clock: Clock,
  ) {}

  async get(borrowerId: string): Promise<ApplyDraft | null> {
    const m = this.dataSource.manager;
    const draft = await this.drafts.find(m, borrowerId);
    if (draft && this.clock.now().getTime() - draft.updatedAt.getTime() > DRAFT_RETENTION_MS) {
      await this.drafts.delete(m, borrowerId);
      return null;
    }
    return draft;
  }

  /**
   * Keeps what the borrower typed in a step, valid or not (a form error must not lose it);
   * `completed` moves the resume point past the step.
   */
  async save(
    borrowerId: string,
    step: ApplyStep,
    values: Record<string, string>,
    completed: boolean,
  ): Promise<ApplyDraft> {
    const now = this.clock.now();
    const before = await this.get(borrowerId);
    const reached = before ? (before.step as ApplyStep) : APPLY_STEPS[0];
    const next = completed ? APPLY_STEPS[APPLY_STEPS.indexOf(step) + 1] : step;
    const furthest = APPLY_STEPS.indexOf(next) > APPLY_STEPS.indexOf(reached) ? next : reached;
    const draft: ApplyDraft = {
      borrowerId,
      values: { ...before?.values, ...values },
      step: furthest,
      filingKey: before?.filingKey ?? randomUUID(),
      createdAt: before?.createdAt ?? now,
      updatedAt: now,
    };
    await this.drafts.save(this.dataSource.manager, draft);
    return draft;
  }

  async discard(borrowerId: string): Promise<void> {
    await this.drafts.delete(this.dataSource.manager, borrowerId);
  }
}
