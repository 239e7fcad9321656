import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../access/principal';
import { actorOf } from '../cases/case-action.types';
import type { CaseRecord } from '../cases/case.entity';
import { CaseEventRepository } from '../cases/case-event.repository';
import { CaseRepository } from '../cases/case.repository';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import type { JudicialConfirmation, JudicialParty } from './judicial-confirmation.entity';
import { JudicialClock } from './judicial-clock';
import type {
  JudicialConfirmationResponse,
  JudicialDeadlineResponse,
  RecordOutcomeDto,
} from './judicial.dto';
import { toDeadlineResponse, toJudicialResponse } from './judicial.mapper';
import { JudicialRepository } from './judicial.repository';
import { JudicialWebhooks } from './judicial-webhooks';

/** The clock of the hand-off as the case page shows it, asked for or not. */
export interface JudicialClockView {
  court: string;
  deadline: JudicialDeadlineResponse;
}

const partyOf = (p: Principal): JudicialParty => {
  if (p.role === 'borrower' || p.role === 'lender') return p.role;
  throw new AppError('FORBIDDEN', 'only the parties ask for judicial confirmation or join it');
};

/**
 * The 司法确认 hand-off of a settled case: either party asks, both join, a clerk records what
 * the court did. Each step locks the case, is one event on its timeline, and tells the lender's
 * back office (`judicial_confirmation.updated`).
 */
@Injectable()
export class JudicialService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly events: CaseEventRepository,
    private readonly repo: JudicialRepository,
    private readonly clock: JudicialClock,
    private readonly webhooks: JudicialWebhooks,
    private readonly time: Clock,
  ) {}

  async get(p: Principal, caseId: string): Promise<JudicialConfirmationResponse> {
    const m = this.dataSource.manager;
    const c = await this.cases.findVisible(m, p, caseId);
    if (!c) throw new AppError('CASE_NOT_FOUND', 'case not found');
    return this.respond(m, c, await this.found(m, caseId), false);
  }

  /**
   * The case page's 司法确认 section, read once: the 30 days of a settled case the caller may
   * see and the court they apply to, asked for or not (the page shows them before anyone
   * asks), and the request as `GET …/judicial-confirmation` answers it (null before anyone
   * asks). The clock is null while the case is not settled.
   */
  async section(
    p: Principal,
    caseId: string,
  ): Promise<{ clock: JudicialClockView | null; request: JudicialConfirmationResponse | null }> {
    const m = this.dataSource.manager;
    const c = await this.cases.findVisible(m, p, caseId);
    if (!c) throw new AppError('CASE_NOT_FOUND', 'case not found');
    const j = await this.repo.find(m, caseId);
    if (j) {
      return {
        clock: { court: j.courtName, deadline: toDeadlineResponse(j.deadline) },
        request: await this.respond(m, c, j, false),
      };
    }
    const reading = c.status === 'settled' ? await this.clock.read(m, caseId) : null;
    return {
      clock: reading && {
        court: reading.version.document.mediationCenter.courtName,
        deadline: toDeadlineResponse(reading.deadline),
      },
      request: null,
    };
  }

  /** `POST …/judicial-confirmation`: one per case; asking again answers the one there is. */
  async ask(p: Principal, caseId: string): Promise<JudicialConfirmationResponse> {
    const party = partyOf(p);
    return this.dataSource.transaction(async (m) => {
      const c = await this.locked(m, p, caseId);
      const existing = await this.repo.find(m, caseId);
      if (existing) return this.respond(m, c, existing, false);
      if (c.status !== 'settled') {
        throw new AppError(
          'INVALID_TRANSITION',
          `judicial confirmation follows settlement; the case is ${c.status}`,
          { currentStatus: c.status },
        );
      }
      const clock = await this.clock.read(m, caseId);
      if (!clock) throw new Error(`settled case ${caseId} has no sealed agreement`);
      const { version, deadline, deadlineAt } = clock;
      const now = this.time.now();
      this.assertOpen(deadlineAt, now);
      const row: JudicialConfirmation = {
        caseId,
        agreementVersionId: version.id,
        courtName: version.document.mediationCenter.courtName,
        status: 'requested',
        requestedByParty: party,
        requestedByUserId: p.userId,
        requestedByApiKeyId: p.apiKeyId,
        requestedAt: now,
        deadline,
        deadlineAt,
        borrowerJoinedAt: null,
        borrowerJoinedBy: null,
        lenderJoinedAt: null,
        lenderJoinedByUserId: null,
        lenderJoinedByApiKeyId: null,
        outcomeAt: null,
        outcomeBy: null,
        outcomeNote: null,
      };
      await this.repo.insert(m, row);
      // Queued at the seal already; the same keys again, for a deadline counted again now.
      await this.clock.queueReminders(m, caseId, deadline, now);
      await this.note(m, p, c, 'judicial_confirmation_requested', now, {
        party,
        court: row.courtName,
        deadline: deadline.at,
      });
      return this.respond(m, c, row, true);
    });
  }

  /** `POST …/join`: this party joins the joint application; joining twice changes nothing. */
  async join(p: Principal, caseId: string): Promise<JudicialConfirmationResponse> {
    const party = partyOf(p);
    return this.dataSource.transaction(async (m) => {
      const c = await this.locked(m, p, caseId);
      const j = await this.found(m, caseId);
      const joined = party === 'borrower' ? j.borrowerJoinedAt : j.lenderJoinedAt;
      if (joined) return this.respond(m, c, j, false);
      const now = this.time.now();
      this.assertOpen(j.deadlineAt, now);
      const changes: Partial<JudicialConfirmation> =
        party === 'borrower'
          ? { borrowerJoinedAt: now, borrowerJoinedBy: p.userId }
          : {
              lenderJoinedAt: now,
              lenderJoinedByUserId: p.userId,
              lenderJoinedByApiKeyId: p.apiKeyId,
            };
      const other = party === 'borrower' ? j.lenderJoinedAt : j.borrowerJoinedAt;
      if (other) changes.status = 'ready';
      await this.repo.update(m, caseId, changes);
      const updated = { ...j, ...changes };
      await this.note(m, p, c, 'judicial_confirmation_joined', now, {
        party,
        bothJoined: updated.status === 'ready',
      });
      return this.respond(m, c, updated, false);
    });
  }

  /** A clerk of the centre records the court's steps: filed, then confirmed or refused. */
  async recordOutcome(
    p: Principal,
    caseId: string,
    dto: RecordOutcomeDto,
  ): Promise<JudicialConfirmationResponse> {
    if (p.role !== 'clerk') throw new AppError('FORBIDDEN', 'outcomes are recorded by a clerk');
    const note = dto.note?.trim() || null;
    if (dto.outcome === 'refused' && !note) {
      throw AppError.validation([{ field: 'note', message: 'say why the court refused' }]);
    }
    return this.dataSource.transaction(async (m) => {
      const c = await this.locked(m, p, caseId);
      const j = await this.found(m, caseId);
      const from = dto.outcome === 'applied' ? 'ready' : 'applied';
      if (j.status !== from) {
        // The request's own state, not the case's (which stays settled): a conflict.
        throw new AppError(
          'CONFLICT',
          dto.outcome === 'applied'
            ? `both parties must join before the application is filed (it is ${j.status})`
            : `only a filed application is confirmed or refused (it is ${j.status})`,
        );
      }
      const now = this.time.now();
      const changes = {
        status: dto.outcome,
        outcomeAt: now,
        outcomeBy: p.userId,
        outcomeNote: note,
      };
      await this.repo.update(m, caseId, changes);
      await this.note(m, p, c, `judicial_confirmation_${dto.outcome}`, now, {
        court: j.courtName,
        ...(note ? { note } : {}),
      });
      return this.respond(m, c, { ...j, ...changes }, false);
    });
  }

  private async locked(m: EntityManager, p: Principal, caseId: string): Promise<CaseRecord> {
    const c = await this.cases.lockVisible(m, p, caseId);
    if (!c) throw new AppError('CASE_NOT_FOUND', 'case not found');
    return c;
  }

  private async found(m: EntityManager, caseId: string): Promise<JudicialConfirmation> {
    const j = await this.repo.find(m, caseId);
    if (!j) throw new AppError('NOT_FOUND', 'no judicial confirmation was asked for on this case');
    return j;
  }

  private assertOpen(deadlineAt: Date, now: Date): void {
    if (now.getTime() >= deadlineAt.getTime()) {
      throw new AppError(
        'CONFLICT',
        `the 30 days to apply for judicial confirmation ended at ${deadlineAt.toISOString()}`,
      );
    }
  }

  private async respond(
    m: EntityManager,
    c: CaseRecord,
    j: JudicialConfirmation,
    created: boolean,
  ): Promise<JudicialConfirmationResponse> {
    const v = await this.repo.versionById(m, j.agreementVersionId);
    return toJudicialResponse(j, v, c.caseNumber, created);
  }

  /** A step of the hand-off on the timeline: not a workflow transition, the status stays. */
  private async note(
    m: EntityManager,
    p: Principal,
    c: CaseRecord,
    action: string,
    at: Date,
    input: Record<string, unknown>,
  ): Promise<void> {
    const event = await this.events.append(m, {
      caseId: c.id,
      action,
      from: c.status,
      to: c.status,
      actor: actorOf(p),
      input,
      at,
    });
    await this.webhooks.updated(m, c, event, at);
  }
}
