import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { beijingIso, beijingMidnight } from '../calendar/calendar-date';
import { CalendarService } from '../calendar/calendar.service';
import type { DeadlineDerivation } from '../calendar/deadline';
import { AppError } from '../common/errors/app-error';
import type { ServedParty } from '../workflow/service-notices';
import { CaseDeadlineRepository } from './case-deadline.repository';
import type { ExtensionProposal } from './case-deadline.types';
import { caseDeadline } from './case-deadline.view';
import { CaseEffectRegistry } from './case-effect.registry';
import type { CaseRecord } from './case.entity';
import type { MailExtension } from './case-mail';

const mailOf = (p: ExtensionProposal, agreed: boolean, term: DeadlineDerivation) =>
  ({
    proposalId: p.id,
    days: p.days,
    reason: p.reason,
    agreedBy: p.agreedBy,
    agreed,
    term,
    expiresAt: p.expiresAt,
  }) satisfies MailExtension;

/**
 * Extension of the mediation term by consent: the mediator proposes (`days`, `reason`), each
 * party agrees to that proposal by its id, and only the second consent moves the term, once.
 * A newer proposal replaces an open one (its consents with it); a proposal not agreed by both
 * lapses when the term ends (expire_term). The extra days are calendar days counted from the
 * day after the term's present last day, a last day on a holiday rolled to the next working
 * day, as art. 85 counts any period.
 */
@Injectable()
export class CaseExtensionEffects implements OnModuleInit {
  constructor(
    private readonly effects: CaseEffectRegistry,
    private readonly deadlines: CaseDeadlineRepository,
    private readonly calendar: CalendarService,
  ) {}

  onModuleInit(): void {
    this.effects.handle(
      'deadline:propose_extension',
      async ({ manager, case: c, input, actor, now }) => {
        const term = this.runningTerm(c);
        const proposal: ExtensionProposal = {
          id: randomUUID(),
          days: input.days,
          reason: input.reason,
          proposedBy: actor.userId,
          proposedAt: beijingIso(now),
          expiresAt: term.at,
          agreedBy: [],
          wouldEnd: await this.extended(manager, term, input.days),
        };
        return {
          changes: { extensionProposal: proposal },
          eventData: {
            proposalId: proposal.id,
            wouldEndAt: proposal.wouldEnd.at,
            ...(c.extensionProposal ? { replacesProposalId: c.extensionProposal.id } : {}),
          },
          mail: { extension: mailOf(proposal, false, proposal.wouldEnd) },
        };
      },
    );

    this.effects.handle(
      'deadline:agree_extension',
      async ({ manager, case: c, input, actor, now }) => {
        // The table's guard let only a party with an open proposal to agree to through.
        const open = c.extensionProposal!;
        if (open.id !== input.proposalId) {
          throw new AppError(
            'CONFLICT',
            `the proposal ${input.proposalId} is not the open one: the mediator replaced it with ${open.id}`,
            { openProposalId: open.id },
          );
        }
        const proposal = { ...open, agreedBy: [...open.agreedBy, actor.role as ServedParty] };
        if (proposal.agreedBy.length < 2) {
          return {
            changes: { extensionProposal: proposal },
            eventData: { proposalId: open.id, agreedBy: proposal.agreedBy },
            mail: { extension: mailOf(proposal, false, proposal.wouldEnd) },
          };
        }
        const previous = this.runningTerm(c);
        const derivation = await this.extended(manager, previous, proposal.days);
        const row = caseDeadline(c, 'mediation_term')!;
        await this.deadlines.extend(manager, c.id, 'mediation_term', derivation, [
          ...row.extensions,
          {
            proposalId: proposal.id,
            days: proposal.days,
            reason: proposal.reason,
            agreedAt: beijingIso(now),
            previous,
          },
        ]);
        return {
          changes: {
            mediationDueAt: new Date(derivation.at),
            termExtended: true,
            extensionProposal: null,
          },
          eventData: {
            proposalId: open.id,
            agreedBy: proposal.agreedBy,
            previousMediationDueAt: previous.at,
            mediationDue: derivation,
          },
          mail: { extension: mailOf(proposal, true, derivation) },
        };
      },
    );
  }

  /** The term as it runs now (the table's guard saw it started). */
  private runningTerm(c: CaseRecord): DeadlineDerivation {
    const d = caseDeadline(c, 'mediation_term')?.derivation;
    if (!d) {
      // A case whose term was set before terms had derivations (docs/deadlines.md).
      throw new AppError('CONFLICT', 'this case’s mediation term has no derivation to extend');
    }
    return d;
  }

  /** `days` calendar days after the term's last day, from 00:00 of that day (not counted). */
  private extended(
    manager: EntityManager,
    term: DeadlineDerivation,
    days: number,
  ): Promise<DeadlineDerivation> {
    return this.calendar.deadline(
      beijingMidnight(term.lastDay),
      { unit: 'calendar_days', length: days },
      manager,
    );
  }
}
