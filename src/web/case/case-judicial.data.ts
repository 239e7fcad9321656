import { Injectable } from '@nestjs/common';
import type { Principal } from '../../access/principal';
import type { CaseResponse } from '../../cases/case-response.dto';
import { Clock } from '../../common/clock';
import { daysLeft } from '../../judicial/judicial-deadline';
import type { JudicialOutcome } from '../../judicial/judicial.dto';
import { JudicialService } from '../../judicial/judicial.service';
import { emptyForm } from '../page-forms';
import type { FormState } from '../page-forms';

/** The forms of the 司法确认 section: a party's ask and join, the clerk's outcome. */
export const JUDICIAL_FORMS = ['judicialAsk', 'judicialJoin', 'judicialOutcome'] as const;
export type JudicialFormName = (typeof JUDICIAL_FORMS)[number];
export const isJudicialForm = (name: string) =>
  (JUDICIAL_FORMS as readonly string[]).includes(name);

/** Who reads the documents: the API's roles of `application.pdf` and `packet.zip`. */
const DOCUMENT_READERS = ['borrower', 'lender', 'mediator', 'clerk'];

/** What the clerk may record next, in the request's state (the service refuses the rest). */
const NEXT_OUTCOMES: Partial<Record<string, readonly JudicialOutcome[]>> = {
  ready: ['applied'],
  applied: ['confirmed', 'refused'],
};

/**
 * The 司法确认 section of a settled case on `/cases/:id`, read through the services the API
 * routes call for the same caller (`JudicialService.section`: the request as
 * `GET …/judicial-confirmation` answers it, and the clock the seal started, shown before anyone
 * asks): the deadline with its derivation and days left, where the
 * request stands, and the caller's forms (ask, join, record the outcome) and downloads.
 */
@Injectable()
export class CaseJudicialData {
  constructor(
    private readonly judicial: JudicialService,
    private readonly time: Clock,
  ) {}

  async load(
    p: Principal,
    c: CaseResponse,
    failed?: { name: string; form: FormState },
  ): Promise<{ judicial: Record<string, unknown> | null }> {
    if (c.status !== 'settled') return { judicial: null };
    const { clock, request } = await this.judicial.section(p, c.id);
    if (!clock) return { judicial: null };
    const now = this.time.now();
    const left = daysLeft(clock.deadline, now);
    const open = now.getTime() < new Date(clock.deadline.at).getTime();
    const party = p.role === 'borrower' || p.role === 'lender' ? p.role : null;
    const mine = request?.parties.find((x) => x.party === party);
    const status = request?.status ?? 'none';
    const outcomes = p.role === 'clerk' ? (NEXT_OUTCOMES[status] ?? []) : [];
    const formOf = (name: JudicialFormName) => (failed?.name === name ? failed.form : emptyForm());
    const base = `/cases/${c.id}/judicial-confirmation`;
    return {
      judicial: {
        status,
        statusKey: `judicial.status.${status}`,
        court: clock.court,
        deadline: clock.deadline,
        daysLeft: Math.max(left, 0),
        open,
        request,
        requestedByKey: request ? `judicial.party.${request.requestedBy}` : null,
        parties: request?.parties.map((x) => ({
          ...x,
          key: `judicial.party.${x.party}`,
          mine: x.party === party,
        })),
        canAsk: party !== null && !request && open,
        canJoin: party !== null && status === 'requested' && !mine?.joinedAt && open,
        documents:
          request && DOCUMENT_READERS.includes(p.role)
            ? { application: `${base}/application.pdf`, packet: `${base}/packet.zip` }
            : null,
        outcomes: outcomes.map((o) => ({ value: o, key: `judicial.outcome.${o}` })),
        askForm: formOf('judicialAsk'),
        joinForm: formOf('judicialJoin'),
        outcomeForm: formOf('judicialOutcome'),
      },
    };
  }
}
