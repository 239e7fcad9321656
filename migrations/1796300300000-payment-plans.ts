import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The repayment plan of a settled case (issue 16): the plan, its installments, and the
 * lender's payments (unique by case and reference; never changed once written, a trigger
 * refuses it, as on the timeline).
 */
export class PaymentPlans1796300300000 implements MigrationInterface {
  name = 'PaymentPlans1796300300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "payment_plans" ("case_id" uuid NOT NULL, "agreement_version_id" uuid NOT NULL, "settlement_fen" bigint NOT NULL, "grace_days" integer NOT NULL, "status" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE, "certificate_sha256" text, "certificate_path" text, "certificate_seal_sha256" text, CONSTRAINT "payment_plans_status_check" CHECK ("status" IN ('active', 'completed')), CONSTRAINT "PK_e191940f67c1a577b3cc5f87185" PRIMARY KEY ("case_id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "payment_plans_certificate_sha256_key" ON "payment_plans" ("certificate_sha256") `,
    );
    await queryRunner.query(
      `CREATE TABLE "plan_installments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "seq" integer NOT NULL, "due_date" date NOT NULL, "amount_fen" bigint NOT NULL, "paid_fen" bigint NOT NULL DEFAULT '0', "state" text NOT NULL, "late_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "plan_installments_paid_check" CHECK ("paid_fen" >= 0 AND "paid_fen" <= "amount_fen"), CONSTRAINT "plan_installments_state_check" CHECK ("state" IN ('due', 'paid', 'partly_paid', 'late', 'waived')), CONSTRAINT "PK_1f09d53fd9b3d9971be255091ea" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "plan_installments_case_seq_key" ON "plan_installments"  ("case_id", "seq") `,
    );
    await queryRunner.query(
      `CREATE TABLE "plan_payments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "reference" text NOT NULL, "amount_fen" bigint NOT NULL, "paid_on" date NOT NULL, "source" text NOT NULL, "allocation" jsonb NOT NULL, "recorded_by_user_id" uuid, "recorded_by_api_key_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "plan_payments_source_check" CHECK ("source" IN ('lender', 'import')), CONSTRAINT "plan_payments_amount_check" CHECK ("amount_fen" > 0), CONSTRAINT "PK_1f6093e9f04098203db33b76c82" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "plan_payments_case_reference_key" ON "plan_payments"  ("case_id", "reference") `,
    );
    await queryRunner.query(
      `ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_agreement_version_fk" FOREIGN KEY ("agreement_version_id") REFERENCES "agreement_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_installments" ADD CONSTRAINT "plan_installments_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_payments" ADD CONSTRAINT "plan_payments_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`CREATE FUNCTION "plan_payments_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'plan_payments is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "plan_payments_no_update_delete" BEFORE UPDATE OR DELETE ON "plan_payments"
      FOR EACH ROW EXECUTE FUNCTION "plan_payments_append_only"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "plan_payments_no_update_delete" ON "plan_payments"`);
    await queryRunner.query(`DROP FUNCTION "plan_payments_append_only"()`);
    await queryRunner.query(`ALTER TABLE "plan_payments" DROP CONSTRAINT "plan_payments_case_fk"`);
    await queryRunner.query(
      `ALTER TABLE "plan_installments" DROP CONSTRAINT "plan_installments_case_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "payment_plans" DROP CONSTRAINT "payment_plans_agreement_version_fk"`,
    );
    await queryRunner.query(`ALTER TABLE "payment_plans" DROP CONSTRAINT "payment_plans_case_fk"`);
    await queryRunner.query(`DROP INDEX "public"."plan_payments_case_reference_key"`);
    await queryRunner.query(`DROP TABLE "plan_payments"`);
    await queryRunner.query(`DROP INDEX "public"."plan_installments_case_seq_key"`);
    await queryRunner.query(`DROP TABLE "plan_installments"`);
    await queryRunner.query(`DROP INDEX "public"."payment_plans_certificate_sha256_key"`);
    await queryRunner.query(`DROP TABLE "payment_plans"`);
  }
}
