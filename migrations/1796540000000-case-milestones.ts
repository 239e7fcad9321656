import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two milestones of a case on its own row, written by the one writer of its status
 * (src/cases/case-actions.service.ts): when it ended (`closed_at`: settled, rejected, withdrawn
 * or unsuccessful) and when the lender answered (`lender_answered_at`). The statistics read
 * them from `cases` instead of searching five million timeline rows for them
 * (docs/performance.md "Statistics"); the timeline stays the record, and fills them here.
 */
export class CaseMilestones1796540000000 implements MigrationInterface {
  name = 'CaseMilestones1796540000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "cases" ADD "closed_at" TIMESTAMP WITH TIME ZONE, ADD "lender_answered_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `UPDATE cases c SET closed_at = e.closed_at, lender_answered_at = e.answered_at
         FROM (SELECT case_id,
                      min(created_at) FILTER (WHERE to_status IN ('settled', 'rejected', 'withdrawn', 'unsuccessful')
                                              AND from_status NOT IN ('settled', 'rejected', 'withdrawn', 'unsuccessful')) AS closed_at,
                      min(created_at) FILTER (WHERE action IN ('lender_accept', 'lender_decline')) AS answered_at
                 FROM case_events GROUP BY case_id) e
        WHERE e.case_id = c.id AND (e.closed_at IS NOT NULL OR e.answered_at IS NOT NULL)`,
    );
    await queryRunner.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "cases_closed_at_check" CHECK (("closed_at" IS NOT NULL) = ("status" IN ('settled', 'rejected', 'withdrawn', 'unsuccessful')))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "cases_closed_at_check"`);
    await queryRunner.query(
      `ALTER TABLE "cases" DROP COLUMN "lender_answered_at", DROP COLUMN "closed_at"`,
    );
  }
}
