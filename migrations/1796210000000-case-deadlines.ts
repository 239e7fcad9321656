import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deadlines as the law counts them, on the cases: each deadline with its period, the service
 * of the notice that starts it and its derivation; and the open proposal to extend the term.
 * Cases accepted before keep their `*_due_at` columns and carry no derivation.
 */
export class CaseDeadlines1796210000000 implements MigrationInterface {
  name = 'CaseDeadlines1796210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" ADD "extension_proposal" jsonb`);
    await queryRunner.query(
      `CREATE TABLE "case_deadlines" ("case_id" uuid NOT NULL, "kind" text NOT NULL, "unit" text NOT NULL, "length" integer NOT NULL, "served_party" text, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "served_at" TIMESTAMP WITH TIME ZONE, "served_via" text, "derivation" jsonb, "extensions" jsonb NOT NULL DEFAULT '[]', "provisional" boolean NOT NULL DEFAULT false, "provisional_flagged_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "case_deadlines_kind_check" CHECK ("kind" IN ('lender_response', 'mediation_term')), CONSTRAINT "case_deadlines_unit_check" CHECK ("unit" IN ('working_days', 'calendar_days')), CONSTRAINT "case_deadlines_length_check" CHECK ("length" BETWEEN 1 AND 366), CONSTRAINT "case_deadlines_party_check" CHECK ("served_party" IN ('lender', 'borrower')), CONSTRAINT "case_deadlines_via_check" CHECK ("served_via" IN ('mail', 'webhook')), CONSTRAINT "case_deadlines_pkey" PRIMARY KEY ("case_id", "kind"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "case_deadlines_unflagged_idx" ON "case_deadlines"  ("case_id") WHERE provisional AND provisional_flagged_at IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_deadlines" ADD CONSTRAINT "case_deadlines_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "case_deadlines"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "extension_proposal"`);
  }
}
