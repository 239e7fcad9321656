import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, Not } from 'typeorm';
import { AgreementVersion } from '../agreements/agreement-version.entity';
import { JudicialConfirmation } from './judicial-confirmation.entity';

/** The SQL of the 司法确认 hand-off: the request row, the sealed version, the reminders sent. */
@Injectable()
export class JudicialRepository {
  /** The version in force: the highest one sealed. */
  sealedVersion(m: EntityManager, caseId: string): Promise<AgreementVersion | null> {
    return m.findOne(AgreementVersion, {
      where: { caseId, sealedAt: Not(IsNull()) },
      order: { version: 'DESC' },
    });
  }

  versionById(m: EntityManager, id: string): Promise<AgreementVersion> {
    return m.findOneOrFail(AgreementVersion, { where: { id } });
  }

  find(m: EntityManager, caseId: string): Promise<JudicialConfirmation | null> {
    return m.findOne(JudicialConfirmation, { where: { caseId } });
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
