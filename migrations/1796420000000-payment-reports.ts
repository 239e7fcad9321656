import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The borrower's payment reports with proof (issue 16): reported, then confirmed by the lender
 * (applied as a payment of source `borrower_report`, the report its reference) or disputed.
 */
export class PaymentReports1796420000000 implements MigrationInterface {
  name = 'PaymentReports1796420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "plan_payment_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "amount_fen" bigint NOT NULL, "paid_on" date NOT NULL, "status" text NOT NULL, "reported_by_user_id" uuid NOT NULL, "reported_at" TIMESTAMP WITH TIME ZONE NOT NULL, "filename" text NOT NULL, "mime_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" text NOT NULL, "storage_path" text NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by_user_id" uuid, "decided_by_api_key_id" uuid, "dispute_reason" text, "payment_id" uuid, CONSTRAINT "plan_payment_reports_decision_check" CHECK (("status" = 'reported' AND "decided_at" IS NULL AND "payment_id" IS NULL AND "dispute_reason" IS NULL) OR ("status" = 'confirmed' AND "decided_at" IS NOT NULL AND "payment_id" IS NOT NULL) OR ("status" = 'disputed' AND "decided_at" IS NOT NULL AND "dispute_reason" IS NOT NULL)), CONSTRAINT "plan_payment_reports_status_check" CHECK ("status" IN ('reported', 'confirmed', 'disputed')), CONSTRAINT "plan_payment_reports_amount_check" CHECK ("amount_fen" > 0), CONSTRAINT "PK_fd23ed8a0eabf46aa8af2096d6d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "plan_payment_reports_case_idx" ON "plan_payment_reports" ("case_id", "reported_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_payment_reports" ADD CONSTRAINT "plan_payment_reports_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_payment_reports" ADD CONSTRAINT "plan_payment_reports_payment_fk" FOREIGN KEY ("payment_id") REFERENCES "plan_payments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_payments" DROP CONSTRAINT "plan_payments_source_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_payments" ADD CONSTRAINT "plan_payments_source_check" CHECK ("source" IN ('lender', 'import', 'borrower_report'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "plan_payments" DROP CONSTRAINT "plan_payments_source_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_payments" ADD CONSTRAINT "plan_payments_source_check" CHECK ("source" IN ('lender', 'import'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_payment_reports" DROP CONSTRAINT "plan_payment_reports_payment_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_payment_reports" DROP CONSTRAINT "plan_payment_reports_case_fk"`,
    );
    await queryRunner.query(`DROP INDEX "public"."plan_payment_reports_case_idx"`);
    await queryRunner.query(`DROP TABLE "plan_payment_reports"`);
  }
}
