import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service';
import { deadlineInstant } from '../calendar/deadline';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import type { Period } from '../common/period';
import type { DeadlineKind, ServedParty } from '../workflow/service-notices';
import type { NoticeServedDto } from '../workflow/system-inputs';
import type { ActionContext, EffectOutcome } from './case-action.types';
import { CaseDeadlineRepository } from './case-deadline.repository';
import { caseDeadline } from './case-deadline.view';
import { CaseEffectRegistry } from './case-effect.registry';
import type { CaseRecord } from './case.entity';

/** The case column that mirrors each deadline (the sweeper's index, and the older API field). */
const DUE_COLUMN = {
  lender_response: 'lenderResponseDueAt',
  mediation_term: 'mediationDueAt',
} as const satisfies Record<DeadlineKind, keyof CaseRecord>;

/** The name the timeline and the API give each derivation. */
export const DUE_FIELD = {
  lender_response: 'lenderResponseDue',
  mediation_term: 'mediationDue',
} as const satisfies Record<DeadlineKind, string>;

/**
 * The deadlines' effects: `accept` issues the lender's window and the mediation term with
 * their periods, but neither runs yet; each starts when its notice is delivered
 * (`record_*_service`, taken by CaseDeadlinesService.noticeDelivered), counted on the
 * official calendar from that instant. Extensions are in CaseExtensionEffects.
 */
@Injectable()
export class CaseDeadlineEffects implements OnModuleInit {
  constructor(
    private readonly effects: CaseEffectRegistry,
    private readonly deadlines: CaseDeadlineRepository,
    private readonly calendar: CalendarService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.effects.handle('deadline:lender_response', (ctx) =>
      this.issue(ctx, 'lender_response', this.config.lenderResponsePeriod, 'lender'),
    );
    this.effects.handle('deadline:mediation_term', (ctx) =>
      this.issue(ctx, 'mediation_term', this.config.mediationTermPeriod, 'borrower'),
    );
    this.effects.handle('deadline:start_lender_response', (ctx) =>
      this.start(ctx, 'lender_response'),
    );
    this.effects.handle('deadline:start_mediation_term', (ctx) =>
      this.start(ctx, 'mediation_term'),
    );
    this.effects.handle('deadline:flag_provisional', async ({ manager, case: c, now }) => {
      const unflagged = (c.deadlines ?? []).filter(
        (d) => d.provisional && !d.provisionalFlaggedAt && d.derivation,
      );
      await this.deadlines.markFlagged(
        manager,
        c.id,
        unflagged.map((d) => d.kind),
        now,
      );
      return {
        eventData: {
          provisional: unflagged.map((d) => ({
            deadline: d.kind,
            at: d.derivation!.at,
            years: d.derivation!.provisionalYears,
          })),
        },
      };
    });
    // A proposal not agreed by both by the term's end lapses with it.
    this.effects.handle('deadline:expire_extension_proposal', async ({ case: c }) =>
      c.extensionProposal
        ? {
            changes: { extensionProposal: null },
            eventData: { lapsedExtensionProposalId: c.extensionProposal.id },
          }
        : undefined,
    );
  }

  private async issue(
    { manager, case: c, now }: ActionContext<unknown>,
    kind: DeadlineKind,
    period: Period,
    servedParty: ServedParty,
  ): Promise<EffectOutcome> {
    await this.deadlines.issue(manager, { caseId: c.id, kind, period, servedParty, at: now });
    return { changes: { [DUE_COLUMN[kind]]: null } };
  }

  private async start(
    { manager, case: c, input }: ActionContext<NoticeServedDto>,
    kind: DeadlineKind,
  ): Promise<EffectOutcome> {
    const d = caseDeadline(c, kind);
    if (!d || d.servedAt) throw new Error(`case ${c.id}: no ${kind} deadline awaits service`);
    const at = new Date(input.deliveredAt);
    const derivation = await this.calendar.deadline(
      at,
      { unit: d.unit, length: d.length },
      manager,
    );
    await this.deadlines.serve(manager, c.id, kind, { at, via: input.channel, derivation });
    return {
      changes: { [DUE_COLUMN[kind]]: deadlineInstant(derivation) },
      eventData: { [DUE_FIELD[kind]]: derivation },
    };
  }
}
