import { Injectable } from '@nestjs/common';
import { EntityManager, Not } from 'typeorm';
import type { Role } from '../common/roles';
import { User } from './user.entity';

/** The SQL of the `users` table. */
@Injectable()
export class UserRepository {
  findActive(manager: EntityManager, id: string): Promise<User | null> {
    return manager.findOneBy(User, { id, active: true });
  }

  findActiveByEmail(manager: EntityManager, email: string): Promise<User | null> {
    return manager.findOneBy(User, { email, active: true });
  }

  findById(manager: EntityManager, id: string): Promise<User | null> {
    return manager.findOneBy(User, { id });
  }

  emailTaken(manager: EntityManager, email: string): Promise<boolean> {
    return manager.existsBy(User, { email });
  }

  anyWithRole(manager: EntityManager, role: Role): Promise<boolean> {
    return manager.existsBy(User, { role });
  }

  /** Serialises concurrent boots of several instances that would each create the first admin. */
  async lockFirstAdmin(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(4271914)');
  }

  /** The row, locked until the transaction ends (an account change in progress). */
  findForUpdate(manager: EntityManager, id: string): Promise<User | null> {
    return manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Changes the account and raises its token version in one statement, so every token and
   * page session issued before is refused from the next request on.
   */
  async updateCredentials(
    manager: EntityManager,
    id: string,
    change: { active?: boolean; passwordHash?: string },
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(User)
      .set({ ...change, tokenVersion: () => 'token_version + 1' })
      .where('id = :id', { id })
      .execute();
  }

  /** Serialises sign-ups of one address, so two at once cannot tell "new" from "taken". */
  async lockEmail(manager: EntityManager, email: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(4271915, hashtext($1))', [email]);
  }

  findByEmail(manager: EntityManager, email: string): Promise<User | null> {
    return manager.findOneBy(User, { email });
  }

  insert(manager: EntityManager, user: Partial<User>): Promise<User> {
    return manager.save(User, manager.create(User, user));
  }

  /** A mediator of this centre; `active` only when a case is to be assigned. */
  findMediator(
    manager: EntityManager,
    id: string,
    centerId: string,
    active: boolean,
  ): Promise<User | null> {
    return manager.findOneBy(User, {
      id,
      role: 'mediator',
      organizationId: centerId,
      ...(active ? { active: true } : {}),
    });
  }

  /** The active staff of one role in an organisation, in the order they were created. */
  activeStaff(manager: EntityManager, role: Role, organizationId: string): Promise<User[]> {
    return manager.find(User, {
      where: { role, organizationId, active: true },
      order: { createdAt: 'ASC' },
    });
  }

  /** Every account but borrowers', active or not: the admin's list of staff. */
  staff(manager: EntityManager): Promise<User[]> {
    return manager.find(User, {
      where: { role: Not('borrower') },
      order: { role: 'ASC', name: 'ASC', createdAt: 'ASC' },
    });
  }

  activeMediators(manager: EntityManager, centerId: string): Promise<User[]> {
    return manager.find(User, {
      where: { role: 'mediator', organizationId: centerId, active: true },
      order: { name: 'ASC' },
    });
  }
}
