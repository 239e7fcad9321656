import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, a borrower's rights: consents that can be withdrawn, the service address and its
 * history, posted notices for borrowers who declined electronic service, the record of rights
 * requests, and complaints with their own timeline and reference numbers.
 */
export class BorrowerRights1796300200000 implements MigrationInterface {
  name = 'BorrowerRights1796300200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "service_addresses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "email" text NOT NULL, "phone" text, "postal_address" text, "reason" text NOT NULL, "confirmed_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "service_addresses_reason_check" CHECK ("reason" IN ('filing', 'change')), CONSTRAINT "service_addresses_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "service_addresses_case_idx" ON "service_addresses"  ("case_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "postal_tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "mediation_center_id" uuid NOT NULL, "kind" text NOT NULL, "recipient_name" text NOT NULL, "postal_address" text, "subject" text NOT NULL, "text_body" text NOT NULL, "status" text NOT NULL DEFAULT 'open', "done_by" uuid, "done_at" TIMESTAMP WITH TIME ZONE, "tracking_number" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "postal_tasks_status_check" CHECK ("status" IN ('open', 'done')), CONSTRAINT "postal_tasks_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "postal_tasks_center_status_idx" ON "postal_tasks"  ("mediation_center_id", "status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "rights_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" text NOT NULL, "case_id" uuid, "request" jsonb NOT NULL, "outcome" text NOT NULL, "answer" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "rights_requests_outcome_check" CHECK ("outcome" IN ('done', 'refused')), CONSTRAINT "rights_requests_kind_check" CHECK ("kind" IN ('access', 'correction', 'withdrawal', 'deletion')), CONSTRAINT "rights_requests_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "rights_requests_user_idx" ON "rights_requests"  ("user_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "complaints" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" text NOT NULL, "complainant_id" uuid NOT NULL, "complainant_role" text NOT NULL, "case_id" uuid, "mediation_center_id" uuid NOT NULL, "lender_organization_id" uuid, "category" text NOT NULL, "description" text NOT NULL, "evidence" text, "status" text NOT NULL DEFAULT 'received', "answer" text, "lender_answer" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "complaints_answer_check" CHECK (("status" = 'answered') = ("answer" IS NOT NULL)), CONSTRAINT "complaints_status_check" CHECK ("status" IN ('received', 'in_progress', 'answered')), CONSTRAINT "complaints_category_check" CHECK ("category" IN ('harassment', 'third_party_contact', 'threats', 'fees', 'process', 'other')), CONSTRAINT "complaints_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "complaints_reference_key" ON "complaints"  ("reference") `,
    );
    await queryRunner.query(
      `CREATE INDEX "complaints_complainant_idx" ON "complaints"  ("complainant_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "complaints_center_status_idx" ON "complaints"  ("mediation_center_id", "status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "complaint_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "complaint_id" uuid NOT NULL, "action" text NOT NULL, "actor_role" text NOT NULL, "actor_user_id" uuid, "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "complaint_events_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "complaint_events_complaint_idx" ON "complaint_events"  ("complaint_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "case_consents" ADD "withdrawn_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`CREATE SEQUENCE "complaint_reference_seq" START 1`);
    await queryRunner.query(
      `ALTER TABLE "service_addresses" ADD CONSTRAINT "service_addresses_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "postal_tasks" ADD CONSTRAINT "postal_tasks_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaints" ADD CONSTRAINT "complaints_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_complaint_fk" FOREIGN KEY ("complaint_id") REFERENCES "complaints"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "privacy_acceptances" ("user_id" uuid NOT NULL, "version" text NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_privacy_acceptances" PRIMARY KEY ("user_id", "version"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "privacy_acceptances" ADD CONSTRAINT "privacy_acceptances_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Who consented when filing accepted that version: a newer one asks them again.
    await queryRunner.query(
      `INSERT INTO "privacy_acceptances" ("user_id", "version", "accepted_at") SELECT "granted_by", "privacy_notice_version", min("granted_at") FROM "case_consents" GROUP BY 1, 2`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "privacy_acceptances"`);
    await queryRunner.query(
      `ALTER TABLE "complaint_events" DROP CONSTRAINT "complaint_events_complaint_fk"`,
    );
    await queryRunner.query(`ALTER TABLE "complaints" DROP CONSTRAINT "complaints_case_fk"`);
    await queryRunner.query(`ALTER TABLE "postal_tasks" DROP CONSTRAINT "postal_tasks_case_fk"`);
    await queryRunner.query(
      `ALTER TABLE "service_addresses" DROP CONSTRAINT "service_addresses_case_fk"`,
    );
    await queryRunner.query(`DROP SEQUENCE "complaint_reference_seq"`);
    await queryRunner.query(`ALTER TABLE "case_consents" DROP COLUMN "withdrawn_at"`);
    await queryRunner.query(`DROP INDEX "public"."complaint_events_complaint_idx"`);
    await queryRunner.query(`DROP TABLE "complaint_events"`);
    await queryRunner.query(`DROP INDEX "public"."complaints_center_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."complaints_complainant_idx"`);
    await queryRunner.query(`DROP INDEX "public"."complaints_reference_key"`);
    await queryRunner.query(`DROP TABLE "complaints"`);
    await queryRunner.query(`DROP INDEX "public"."rights_requests_user_idx"`);
    await queryRunner.query(`DROP TABLE "rights_requests"`);
    await queryRunner.query(`DROP INDEX "public"."postal_tasks_center_status_idx"`);
    await queryRunner.query(`DROP TABLE "postal_tasks"`);
    await queryRunner.query(`DROP INDEX "public"."service_addresses_case_idx"`);
    await queryRunner.query(`DROP TABLE "service_addresses"`);
  }
}
