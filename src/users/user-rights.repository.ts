import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PrivacyAcceptance } from './privacy-acceptance.entity';
import { User } from './user.entity';

/** The SQL behind a person's rights over their account: notice acceptances, corrections, closing. */
@Injectable()
export class UserRightsRepository {
  async accept(manager: EntityManager, userId: string, version: string, at: Date): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(PrivacyAcceptance)
      .values({ userId, version, acceptedAt: at })
      .orIgnore()
      .execute();
  }

  /** The newest version the person accepted; null when they never accepted one. */
  async latestAccepted(manager: EntityManager, userId: string): Promise<string | null> {
    const row = await manager.findOne(PrivacyAcceptance, {
      where: { userId },
      order: { version: 'DESC' },
    });
    return row?.version ?? null;
  }

  acceptances(manager: EntityManager, userId: string): Promise<PrivacyAcceptance[]> {
    return manager.find(PrivacyAcceptance, { where: { userId }, order: { acceptedAt: 'ASC' } });
  }

  lock(manager: EntityManager, id: string): Promise<User | null> {
    return manager.findOne(User, {
      where: { id, active: true },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async updateContact(
    manager: EntityManager,
    id: string,
    values: Partial<Pick<User, 'email' | 'phone'>>,
  ): Promise<void> {
    // Only the postal address may change (it lives on the cases): nothing to write here then.
    if (!Object.keys(values).length) return;
    await manager.update(User, { id }, values);
  }

  /**
   * Closes an account: the person can no longer sign in and their contact and identity data
   * are gone; the row stays for the cases (kept for their legal period) that name them.
   */
  async anonymise(manager: EntityManager, id: string): Promise<void> {
    await manager.update(
      User,
      { id },
      {
        active: false,
        name: '已注销用户',
        email: `closed-${id}@invalid`,
        phone: null,
        idNumber: null,
        passwordHash: '!',
      },
    );
  }
}
