import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795696676033 implements MigrationInterface {
  name = 'Initial1795696676033';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "login_attempts" ("key" character varying(255) NOT NULL, "points" integer NOT NULL DEFAULT '0', "expire" bigint, CONSTRAINT "PK_f90e70c50d5744e4d9f41dd397c" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "type" text NOT NULL, "name" text NOT NULL, "contact_email" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "organizations_type_check" CHECK ("type" IN ('lender', 'mediation_center')), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "role" text NOT NULL, "name" text NOT NULL, "email" text NOT NULL, "phone" text, "id_number" text, "password_hash" text NOT NULL, "organization_id" uuid, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "users_role_check" CHECK ("role" IN ('borrower', 'clerk', 'mediator', 'lender', 'admin')), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "users_email_key" ON "users"  ("email") `);
    await queryRunner.query(
      `CREATE INDEX "users_organization_idx" ON "users"  ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "cases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_number" text NOT NULL, "status" text NOT NULL, "closure_reason" text, "borrower_id" uuid NOT NULL, "borrower_name" text NOT NULL, "lender_organization_id" uuid NOT NULL, "mediation_center_id" uuid NOT NULL, "mediator_id" uuid, "loan_contract_number" text NOT NULL, "loan_principal_fen" bigint NOT NULL, "loan_outstanding_fen" bigint NOT NULL, "loan_overdue_since" date NOT NULL, "overdue_reason" text NOT NULL, "reason_detail" text NOT NULL, "proposal" jsonb NOT NULL, "counter_proposal" jsonb, "preferred_mode" text NOT NULL, "locale" text NOT NULL, "lender_notified_at" TIMESTAMP WITH TIME ZONE, "lender_response_due_at" TIMESTAMP WITH TIME ZONE, "mediation_due_at" TIMESTAMP WITH TIME ZONE, "term_extended" boolean NOT NULL DEFAULT false, "eligible_for_litigation" boolean NOT NULL DEFAULT false, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "cases_amounts_check" CHECK ("loan_principal_fen" >= 0 AND "loan_outstanding_fen" >= 0), CONSTRAINT "cases_closure_reason_check" CHECK ("closure_reason" IN ('lender_declined', 'lender_no_response', 'no_agreement', 'term_expired')), CONSTRAINT "cases_status_check" CHECK ("status" IN ('submitted', 'needs_info', 'lender_notified', 'awaiting_session', 'session_scheduled', 'awaiting_signatures', 'settled', 'rejected', 'withdrawn', 'unsuccessful')), CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "cases_case_number_key" ON "cases"  ("case_number") `,
    );
    await queryRunner.query(
      `CREATE INDEX "cases_borrower_name_idx" ON "cases"  ("borrower_name") `,
    );
    await queryRunner.query(
      `CREATE INDEX "cases_contract_number_idx" ON "cases"  ("loan_contract_number") `,
    );
    await queryRunner.query(
      `CREATE INDEX "cases_term_due_idx" ON "cases"  ("mediation_due_at") WHERE status IN ('lender_notified', 'awaiting_session', 'session_scheduled', 'awaiting_signatures')`,
    );
    await queryRunner.query(
      `CREATE INDEX "cases_lender_due_idx" ON "cases"  ("lender_response_due_at") WHERE status = 'lender_notified'`,
    );
    await queryRunner.query(`CREATE INDEX "cases_created_idx" ON "cases"  ("created_at", "id") `);
    await queryRunner.query(
      `CREATE INDEX "cases_center_idx" ON "cases"  ("mediation_center_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "cases_mediator_idx" ON "cases"  ("mediator_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "cases_lender_idx" ON "cases"  ("lender_organization_id", "created_at", "id") WHERE lender_notified_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "cases_borrower_idx" ON "cases"  ("borrower_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_consents" ("case_id" uuid NOT NULL, "kind" text NOT NULL, "privacy_notice_version" text NOT NULL, "granted_by" uuid NOT NULL, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "case_consents_kind_check" CHECK ("kind" IN ('onlineMediation', 'electronicService', 'shareWithLender')), CONSTRAINT "PK_5a764ff97b3b87283ac53a44f3f" PRIMARY KEY ("case_id", "kind"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "evidence" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "uploaded_by" uuid NOT NULL, "filename" text NOT NULL, "mime_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" text NOT NULL, "storage_path" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b864cb5d49854f89917fc0b44b9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "evidence_case_idx" ON "evidence"  ("case_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "name" text NOT NULL, "key_hash" text NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "api_keys_organization_idx" ON "api_keys"  ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"  ("key_hash") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_events" ("id" BIGSERIAL NOT NULL, "case_id" uuid NOT NULL, "action" text NOT NULL, "from_status" text, "to_status" text NOT NULL, "actor_role" text NOT NULL, "actor_user_id" uuid, "actor_api_key_id" uuid, "actor_organization_id" uuid, "input" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_61f203ee26b76c6438bbcc7bde6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "case_events_case_idx" ON "case_events"  ("case_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("scope" text NOT NULL, "key" text NOT NULL, "request_hash" text NOT NULL, "response_status" integer, "response_body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_15de2f76fa9f27ad8f330983607" PRIMARY KEY ("scope", "key"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_21a659804ed7bf61eb91688dea7" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "FK_27f0dffe4fcef4de408913e6fee" FOREIGN KEY ("borrower_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "FK_253de6326150aa04a7215c431df" FOREIGN KEY ("lender_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "FK_c8b8a2cb0e74413186eca7a2f1a" FOREIGN KEY ("mediation_center_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "FK_c7184d4ca7f06b2ad8d5dcf9253" FOREIGN KEY ("mediator_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_consents" ADD CONSTRAINT "FK_a2d863570496746892b02d751b9" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" ADD CONSTRAINT "FK_8e209523267bb0bce6a16677cd3" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "FK_a283bdef18876e525aefaec042f" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_events" ADD CONSTRAINT "FK_259dbf949114e25670ac6cad205" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "case_events" DROP CONSTRAINT "FK_259dbf949114e25670ac6cad205"`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_keys" DROP CONSTRAINT "FK_a283bdef18876e525aefaec042f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence" DROP CONSTRAINT "FK_8e209523267bb0bce6a16677cd3"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_consents" DROP CONSTRAINT "FK_a2d863570496746892b02d751b9"`,
    );
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_c7184d4ca7f06b2ad8d5dcf9253"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_c8b8a2cb0e74413186eca7a2f1a"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_253de6326150aa04a7215c431df"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_27f0dffe4fcef4de408913e6fee"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_21a659804ed7bf61eb91688dea7"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`DROP INDEX "public"."case_events_case_idx"`);
    await queryRunner.query(`DROP TABLE "case_events"`);
    await queryRunner.query(`DROP INDEX "public"."api_keys_key_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."api_keys_organization_idx"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
    await queryRunner.query(`DROP INDEX "public"."evidence_case_idx"`);
    await queryRunner.query(`DROP TABLE "evidence"`);
    await queryRunner.query(`DROP TABLE "case_consents"`);
    await queryRunner.query(`DROP INDEX "public"."cases_borrower_idx"`);
    await queryRunner.query(`DROP INDEX "public"."cases_lender_idx"`);
    await queryRunner.query(`DROP INDEX "public"."cases_mediator_idx"`);
    await queryRunner.query(`DROP INDEX "public"."cases_center_idx"`);
    await queryRunner.query(`DROP INDEX "public"."cases_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."cases_lender_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."cases_term_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."cases_contract_number_idx"`);
    await queryRunner.query(`DROP INDEX "public"."cases_borrower_name_idx"`);
    await queryRunner.query(`DROP INDEX "public"."cases_case_number_key"`);
    await queryRunner.query(`DROP TABLE "cases"`);
    await queryRunner.query(`DROP INDEX "public"."users_organization_idx"`);
    await queryRunner.query(`DROP INDEX "public"."users_email_key"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "organizations"`);
    await queryRunner.query(`DROP TABLE "login_attempts"`);
  }
}
