import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The written agreement: its versions, the signatures bound to a version's PDF hash, and every
 * download. Triggers (not modelled by TypeORM) keep a version immutable once drafted except for
 * sealing it once, and signatures and prints append-only.
 */
export class Agreements1795697200000 implements MigrationInterface {
  name = 'Agreements1795697200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agreement_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "version" integer NOT NULL, "settlement_fen" bigint NOT NULL, "waived_fen" bigint NOT NULL, "installments" integer NOT NULL, "first_due_date" date NOT NULL, "clauses" jsonb NOT NULL, "schedule" jsonb NOT NULL, "document" jsonb NOT NULL, "draft_sha256" text NOT NULL, "draft_pdf_path" text NOT NULL, "verification_code" text NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sealed_sha256" text, "sealed_pdf_path" text, "sealed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "agreement_versions_sealed_check" CHECK (("sealed_at" IS NULL) = ("sealed_sha256" IS NULL) AND ("sealed_at" IS NULL) = ("sealed_pdf_path" IS NULL)), CONSTRAINT "agreement_versions_terms_check" CHECK ("version" >= 1 AND "installments" BETWEEN 1 AND 60 AND "settlement_fen" >= "installments" AND "waived_fen" >= 0), CONSTRAINT "PK_f1bfb781c008000a73e52a29ccb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "agreement_versions_verification_code_key" ON "agreement_versions"  ("verification_code") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "agreement_versions_sealed_sha256_key" ON "agreement_versions"  ("sealed_sha256") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "agreement_versions_case_version_key" ON "agreement_versions"  ("case_id", "version") `,
    );
    await queryRunner.query(
      `CREATE TABLE "agreement_prints" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agreement_version_id" uuid NOT NULL, "copy" text NOT NULL, "sha256" text NOT NULL, "role" text NOT NULL, "user_id" uuid, "api_key_id" uuid, "organization_id" uuid, "printed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "agreement_prints_copy_check" CHECK ("copy" IN ('draft', 'sealed')), CONSTRAINT "PK_db708a141adb574e6dddf1db216" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "agreement_prints_version_role_idx" ON "agreement_prints"  ("agreement_version_id", "role") `,
    );
    await queryRunner.query(
      `CREATE TABLE "agreement_signatures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agreement_version_id" uuid NOT NULL, "party" text NOT NULL, "signer_name" text NOT NULL, "signer_user_id" uuid, "signer_api_key_id" uuid, "organization_id" uuid, "sha256" text NOT NULL, "ip" text, "user_agent" text, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "agreement_signatures_signer_check" CHECK ("signer_user_id" IS NOT NULL OR "signer_api_key_id" IS NOT NULL), CONSTRAINT "agreement_signatures_party_check" CHECK ("party" IN ('borrower', 'lender')), CONSTRAINT "PK_984a05438f47e2b2be99bb192d5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "agreement_signatures_version_party_key" ON "agreement_signatures"  ("agreement_version_id", "party") `,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_versions" ADD CONSTRAINT "FK_0c17d9b822e17e8087b216a608d" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_versions" ADD CONSTRAINT "FK_48de01d285689a1a5e060645966" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_prints" ADD CONSTRAINT "FK_67e2823c5f618bc2821c438a306" FOREIGN KEY ("agreement_version_id") REFERENCES "agreement_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" ADD CONSTRAINT "FK_1259c4ed9f9eefc343ca2f2aee5" FOREIGN KEY ("agreement_version_id") REFERENCES "agreement_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    // A version changes once, when it is sealed; after that, and apart from that, never.
    await queryRunner.query(`CREATE FUNCTION "agreement_versions_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        sealing CONSTANT text[] := ARRAY['sealed_sha256', 'sealed_pdf_path', 'sealed_at'];
      BEGIN
        IF TG_OP <> 'UPDATE' OR OLD.sealed_at IS NOT NULL
           OR (to_jsonb(NEW) - sealing) IS DISTINCT FROM (to_jsonb(OLD) - sealing) THEN
          RAISE EXCEPTION 'agreement versions are immutable (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "agreement_versions_immutable" BEFORE UPDATE OR DELETE ON "agreement_versions"
      FOR EACH ROW EXECUTE FUNCTION "agreement_versions_immutable"()`);
    await queryRunner.query(`CREATE FUNCTION "agreement_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['agreement_signatures', 'agreement_prints']) {
      await queryRunner.query(`CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}"
        FOR EACH ROW EXECUTE FUNCTION "agreement_append_only"()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "agreement_prints_append_only" ON "agreement_prints"`);
    await queryRunner.query(
      `DROP TRIGGER "agreement_signatures_append_only" ON "agreement_signatures"`,
    );
    await queryRunner.query(`DROP FUNCTION "agreement_append_only"()`);
    await queryRunner.query(`DROP TRIGGER "agreement_versions_immutable" ON "agreement_versions"`);
    await queryRunner.query(`DROP FUNCTION "agreement_versions_immutable"()`);
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" DROP CONSTRAINT "FK_1259c4ed9f9eefc343ca2f2aee5"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_prints" DROP CONSTRAINT "FK_67e2823c5f618bc2821c438a306"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_versions" DROP CONSTRAINT "FK_48de01d285689a1a5e060645966"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_versions" DROP CONSTRAINT "FK_0c17d9b822e17e8087b216a608d"`,
    );
    await queryRunner.query(`DROP INDEX "public"."agreement_signatures_version_party_key"`);
    await queryRunner.query(`DROP TABLE "agreement_signatures"`);
    await queryRunner.query(`DROP INDEX "public"."agreement_prints_version_role_idx"`);
    await queryRunner.query(`DROP TABLE "agreement_prints"`);
    await queryRunner.query(`DROP INDEX "public"."agreement_versions_case_version_key"`);
    await queryRunner.query(`DROP INDEX "public"."agreement_versions_sealed_sha256_key"`);
    await queryRunner.query(`DROP INDEX "public"."agreement_versions_verification_code_key"`);
    await queryRunner.query(`DROP TABLE "agreement_versions"`);
  }
}
