import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The 司法确认 hand-off after settlement (issue 16): one request per case with both parties'
 * joining and the clerk's record of the court's steps, and the deadline reminders sent (one row
 * per case and lead time, so that each goes out once).
 */
export class JudicialConfirmations1796430000000 implements MigrationInterface {
  name = 'JudicialConfirmations1796430000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "judicial_confirmations" ("case_id" uuid NOT NULL, "agreement_version_id" uuid NOT NULL, "court_name" text NOT NULL, "status" text NOT NULL, "requested_by_party" text NOT NULL, "requested_by_user_id" uuid, "requested_by_api_key_id" uuid, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "deadline" jsonb NOT NULL, "deadline_at" TIMESTAMP WITH TIME ZONE NOT NULL, "borrower_joined_at" TIMESTAMP WITH TIME ZONE, "borrower_joined_by" uuid, "lender_joined_at" TIMESTAMP WITH TIME ZONE, "lender_joined_by_user_id" uuid, "lender_joined_by_api_key_id" uuid, "outcome_at" TIMESTAMP WITH TIME ZONE, "outcome_by" uuid, "outcome_note" text, CONSTRAINT "judicial_confirmations_status_check" CHECK ("status" IN ('requested', 'ready', 'applied', 'confirmed', 'refused')), CONSTRAINT "judicial_confirmations_requested_by_check" CHECK ("requested_by_party" IN ('borrower', 'lender')), CONSTRAINT "judicial_confirmations_pkey" PRIMARY KEY ("case_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "judicial_confirmation_reminders" ("case_id" uuid NOT NULL, "days_before" integer NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "judicial_confirmation_reminders_pkey" PRIMARY KEY ("case_id", "days_before"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "judicial_confirmations" ADD CONSTRAINT "judicial_confirmations_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "judicial_confirmations" ADD CONSTRAINT "judicial_confirmations_agreement_version_fk" FOREIGN KEY ("agreement_version_id") REFERENCES "agreement_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "judicial_confirmation_reminders" ADD CONSTRAINT "judicial_confirmation_reminders_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "judicial_confirmation_reminders"`);
    await queryRunner.query(`DROP TABLE "judicial_confirmations"`);
  }
}
