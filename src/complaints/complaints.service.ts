import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../access/principal';
import { CaseRepository } from '../cases/case.repository';
import { Clock } from '../common/clock';
import { AppError } from '../common/errors/app-error';
import { OrganizationRepository } from '../organizations/organization.repository';
import { CONDUCT_CATEGORIES } from './complaint.entity';
import type { Complaint } from './complaint.entity';
import type { ComplaintEvent } from './complaint-event.entity';
import { ComplaintRepository } from './complaint.repository';
import type { ComplaintListQuery, ComplaintResponse, FileComplaintDto } from './complaints.dto';

/** The regulator's consumer hotline (国家金融监督管理总局), for banking and insurance consumers. */
export const REGULATOR_HOTLINE = '12378';

const toResponse = (k: Complaint, events: ComplaintEvent[]): ComplaintResponse => ({
  id: k.id,
  reference: k.reference,
  caseId: k.caseId,
  category: k.category,
  description: k.description,
  evidence: k.evidence,
  status: k.status,
  answer: k.answer,
  lenderAnswer: k.lenderAnswer,
  complainantRole: k.complainantRole,
  regulatorHotline: REGULATOR_HOTLINE,
  createdAt: k.createdAt.toISOString(),
  updatedAt: k.updatedAt.toISOString(),
  timeline: events.map((e) => ({
    action: e.action,
    actorRole: e.actorRole,
    note: e.note,
    at: e.createdAt.toISOString(),
  })),
});

/**
 * The complaint channel: any party files one (about a case it may see, or the platform), the
 * centre's clerks take it up and answer it, and the lender answers a conduct complaint on its
 * case. Every step is on the complaint's own timeline; someone who may not see it gets 404.
 */
@Injectable()
export class ComplaintsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly complaints: ComplaintRepository,
    private readonly cases: CaseRepository,
    private readonly organizations: OrganizationRepository,
    private readonly clock: Clock,
  ) {}

  async file(p: Principal, dto: FileComplaintDto): Promise<ComplaintResponse> {
    if (!p.userId) throw new AppError('FORBIDDEN', 'a complaint is filed by a person');
    const userId = p.userId;
    return this.dataSource.transaction(async (m) => {
      const c = dto.caseId ? await this.cases.findVisible(m, p, dto.caseId) : null;
      if (dto.caseId && !c) throw new AppError('CASE_NOT_FOUND', 'no such case');
      const centerId =
        c?.mediationCenterId ??
        (p.role === 'clerk' || p.role === 'mediator' ? p.organizationId : null) ??
        (await this.organizations.firstOfType(m, 'mediation_center'))?.id;
      if (!centerId) throw new AppError('CONFLICT', 'no mediation centre has been set up yet');
      const now = this.clock.now();
      const seq = await this.complaints.nextReferenceSeq(m);
      const conduct = CONDUCT_CATEGORIES.includes(dto.category);
      const k = await this.complaints.insert(m, {
        reference: `TS-${now.getUTCFullYear()}-${String(seq).padStart(6, '0')}`,
        complainantId: userId,
        complainantRole: p.role,
        caseId: c?.id ?? null,
        mediationCenterId: centerId,
        lenderOrganizationId: c && conduct ? c.lenderOrganizationId : null,
        category: dto.category,
        description: dto.description.trim(),
        evidence: dto.evidence?.trim() || null,
        status: 'received',
        answer: null,
        lenderAnswer: null,
        createdAt: now,
        updatedAt: now,
      });
      await this.event(m, k.id, p, 'filed', null, now);
      return this.load(m, p, k.id);
    });
  }

  async list(p: Principal, q: ComplaintListQuery): Promise<ComplaintResponse[]> {
    const rows = await this.complaints.visible(this.dataSource.manager, p, { status: q.status });
    return rows.map((k) => toResponse(k, []));
  }

  get(p: Principal, id: string): Promise<ComplaintResponse> {
    return this.load(this.dataSource.manager, p, id);
  }

  /** A clerk takes it up: received → in_progress. */
  takeUp(p: Principal, id: string): Promise<ComplaintResponse> {
    return this.step(p, id, async (m, k, now) => {
      if (p.role !== 'clerk') throw new AppError('FORBIDDEN', 'complaints are handled by clerks');
      if (k.status !== 'received') {
        throw new AppError('CONFLICT', `the complaint is ${k.status}, not received`);
      }
      await this.complaints.update(m, k.id, { status: 'in_progress', updatedAt: now });
      await this.event(m, k.id, p, 'taken_up', null, now);
    });
  }

  /** The centre's answer, which the complainant reads: → answered. */
  answer(p: Principal, id: string, answer: string): Promise<ComplaintResponse> {
    return this.step(p, id, async (m, k, now) => {
      if (p.role !== 'clerk') throw new AppError('FORBIDDEN', 'complaints are answered by clerks');
      if (k.status === 'answered') throw new AppError('CONFLICT', 'the complaint is answered');
      await this.complaints.update(m, k.id, {
        status: 'answered',
        answer: answer.trim(),
        updatedAt: now,
      });
      await this.event(m, k.id, p, 'answered', answer.trim(), now);
    });
  }

  /** The lender's answer to a conduct complaint on its case, shown as the lender's words. */
  lenderAnswer(p: Principal, id: string, answer: string): Promise<ComplaintResponse> {
    return this.step(p, id, async (m, k, now) => {
      if (p.role !== 'lender' || k.lenderOrganizationId !== p.organizationId) {
        throw new AppError('FORBIDDEN', 'only the lender of the case answers here');
      }
      if (k.lenderAnswer) throw new AppError('CONFLICT', 'the lender has answered already');
      await this.complaints.update(m, k.id, { lenderAnswer: answer.trim(), updatedAt: now });
      await this.event(m, k.id, p, 'lender_answered', answer.trim(), now);
    });
  }

  private step(
    p: Principal,
    id: string,
    run: (m: EntityManager, k: Complaint, now: Date) => Promise<void>,
  ): Promise<ComplaintResponse> {
    return this.dataSource.transaction(async (m) => {
      const [k] = await this.complaints.visible(m, p, { id, lock: true });
      if (!k) throw new AppError('NOT_FOUND', 'no such complaint');
      await run(m, k, this.clock.now());
      return this.load(m, p, id);
    });
  }

  private async load(m: EntityManager, p: Principal, id: string): Promise<ComplaintResponse> {
    const [k] = await this.complaints.visible(m, p, { id });
    if (!k) throw new AppError('NOT_FOUND', 'no such complaint');
    return toResponse(k, await this.complaints.events(m, id));
  }

  private event(
    m: EntityManager,
    complaintId: string,
    p: Principal,
    action: ComplaintEvent['action'],
    note: string | null,
    at: Date,
  ) {
    return this.complaints.addEvent(m, {
      complaintId,
      action,
      actorRole: p.role,
      actorUserId: p.userId,
      note,
      createdAt: at,
    });
  }
}
