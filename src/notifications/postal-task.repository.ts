import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PostalTask } from './postal-task.entity';

/** The SQL of the clerks' "post this" queue. */
@Injectable()
export class PostalTaskRepository {
  async insert(
    manager: EntityManager,
    values: Pick<
      PostalTask,
      | 'caseId'
      | 'mediationCenterId'
      | 'kind'
      | 'recipientName'
      | 'postalAddress'
      | 'subject'
      | 'textBody'
      | 'createdAt'
    >,
  ): Promise<string> {
    const { identifiers } = await manager.insert(PostalTask, { ...values, status: 'open' });
    return String(identifiers[0].id);
  }

  /** A centre's tasks in one status, oldest first: post in the order the notices were written. */
  listForCenter(
    manager: EntityManager,
    mediationCenterId: string,
    status: PostalTask['status'],
  ): Promise<PostalTask[]> {
    return manager.find(PostalTask, {
      where: { mediationCenterId, status },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: 200,
    });
  }

  /** Locks an open task of the centre; null when there is none (or it was done already). */
  lockOpen(manager: EntityManager, id: string, mediationCenterId: string) {
    return manager.findOne(PostalTask, {
      where: { id, mediationCenterId, status: 'open' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async markDone(
    manager: EntityManager,
    id: string,
    doneBy: string,
    at: Date,
    trackingNumber: string | null,
  ): Promise<void> {
    await manager.update(
      PostalTask,
      { id },
      { status: 'done', doneBy, doneAt: at, trackingNumber },
    );
  }
}
