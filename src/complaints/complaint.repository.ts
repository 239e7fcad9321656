import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager } from 'typeorm';
import type { Principal } from '../access/principal';
import { ComplaintEvent } from './complaint-event.entity';
import { Complaint, CONDUCT_CATEGORIES } from './complaint.entity';
import type { ComplaintStatus } from './complaint.entity';

/** The SQL of complaints and their timelines. Who may see one is decided here, in each query. */
@Injectable()
export class ComplaintRepository {
  async nextReferenceSeq(manager: EntityManager): Promise<number> {
    const [{ seq }]: { seq: string }[] = await manager.query(
      `SELECT nextval('complaint_reference_seq') AS seq`,
    );
    return Number(seq);
  }

  insert(manager: EntityManager, values: Omit<Complaint, 'id' | 'case'>): Promise<Complaint> {
    return manager.save(Complaint, manager.create(Complaint, values));
  }

  async update(manager: EntityManager, id: string, values: Partial<Complaint>): Promise<void> {
    await manager.update(Complaint, { id }, values);
  }

  async addEvent(
    manager: EntityManager,
    e: Omit<ComplaintEvent, 'id' | 'complaint'>,
  ): Promise<void> {
    await manager.insert(ComplaintEvent, e);
  }

  events(manager: EntityManager, complaintId: string): Promise<ComplaintEvent[]> {
    return manager.find(ComplaintEvent, {
      where: { complaintId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /**
   * The complaints the caller may see: their own; a clerk's centre's; a lender's conduct
   * complaints on its cases. Newest first, 200 at most.
   */
  visible(
    manager: EntityManager,
    p: Principal,
    o: { id?: string; status?: ComplaintStatus; lock?: boolean } = {},
  ): Promise<Complaint[]> {
    const q = manager.createQueryBuilder(Complaint, 'k').where(
      new Brackets((b) => {
        if (p.userId) b.orWhere('k.complainant_id = :uid', { uid: p.userId });
        if (p.role === 'clerk')
          b.orWhere('k.mediation_center_id = :org', { org: p.organizationId });
        if (p.role === 'lender') {
          b.orWhere('(k.lender_organization_id = :org AND k.category IN (:...conduct))', {
            org: p.organizationId,
            conduct: CONDUCT_CATEGORIES,
          });
        }
        if (!p.userId && p.role !== 'lender') b.orWhere('false');
      }),
    );
    if (o.id) q.andWhere('k.id = :id', { id: o.id });
    if (o.status) q.andWhere('k.status = :status', { status: o.status });
    if (o.lock) q.setLock('pessimistic_write');
    return q.orderBy('k.created_at', 'DESC').addOrderBy('k.id', 'DESC').take(200).getMany();
  }
}
