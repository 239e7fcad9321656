import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AgreementVersion } from '../agreements/agreement-version.entity';
import { JudicialConfirmation } from './judicial-confirmation.entity';
import { EntityRead } from '../common/entity-read';
import { caseKeyed } from '../common/entity-prefetch';

// What the case page's 司法确认 section reads on every view of a settled case.
const SEALED = caseKeyed(
  new EntityRead(
    AgreementVersion,
    'WHERE case_id = $1 AND sealed_at IS NOT NULL ORDER BY version DESC LIMIT 1',
  ),
);
const OF_CASE = caseKeyed(new EntityRead(JudicialConfirmation, 'WHERE case_id = $1 LIMIT 1'));

/** The SQL of the 司法确认 hand-off: the request row, the sealed version, the reminders sent. */
@Injectable()
export class JudicialRepository {
  /** The version in force: the highest one sealed. */
  sealedVersion(m: EntityManager, caseId: string): Promise<AgreementVersion | null> {
    return SEALED.one(m, [caseId]);
  }

  versionById(m: EntityManager, id: string): Promise<AgreementVersion> {
    return m.findOneOrFail(AgreementVersion, { where: { id } });
  }

  find(m: EntityManager, caseId: string): Promise<JudicialConfirmation | null> {
    return OF_CASE.one(m, [caseId]);
  }

  async insert(m: EntityManager, row: JudicialConfirmation): Promise<void> {
    await m.insert(JudicialConfirmation, row);
  }

  async update(
    m: EntityManager,
    caseId: string,
    values: Partial<Omit<JudicialConfirmation, 'caseId' | 'case' | 'agreementVersion'>>,
  ): Promise<void> {
    await m.update(JudicialConfirmation, { caseId }, values);
  }

  /** Claims a reminder: true for the one caller that records it, false if it was sent before. */
  async claimReminder(
    m: EntityManager,
    caseId: string,
    daysBefore: number,
    at: Date,
  ): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO judicial_confirmation_reminders (case_id, days_before, sent_at)
       VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING case_id`,
      [caseId, daysBefore, at],
    );
    return rows.length === 1;
  }
}
