import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An agreement a court accepts (issue 15): the organisations' registered details, the
 * borrower's service address and the lender's debt statement on the case, the mediator's
 * signature and the centre's seal on a version, named signers (capacity, title) and API keys'
 * signing agents. A draft has no verification code any more: the codes of unsealed versions
 * are dropped, and a version gets one when it is sealed, which the immutability trigger now
 * allows along with the certificate's hash.
 */
export class AgreementInForce1796250000000 implements MigrationInterface {
  name = 'AgreementInForce1796250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organizations" ADD "credit_code" text`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "registered_address" text`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "court_name" text`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "annual_cost_ceiling_bp" integer`);
    await queryRunner.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "organizations_cost_ceiling_check" CHECK ("annual_cost_ceiling_bp" IS NULL OR "annual_cost_ceiling_bp" BETWEEN 1 AND 10000)`,
    );
    await queryRunner.query(`ALTER TABLE "api_keys" ADD "signing_agent_name" text`);
    await queryRunner.query(`ALTER TABLE "api_keys" ADD "signing_agent_title" text`);
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_signing_agent_check" CHECK (("signing_agent_name" IS NULL) = ("signing_agent_title" IS NULL))`,
    );
    await queryRunner.query(`ALTER TABLE "cases" ADD "service_address" jsonb`);
    await queryRunner.query(`ALTER TABLE "cases" ADD "debt_statement" jsonb`);

    // Versions and signatures are guarded by triggers; this migration is the one writer allowed.
    await queryRunner.query(
      `ALTER TABLE "agreement_versions" DISABLE TRIGGER "agreement_versions_immutable"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" DISABLE TRIGGER "agreement_signatures_append_only"`,
    );

    await queryRunner.query(`ALTER TABLE "agreement_versions" ADD "payment" jsonb`);
    await queryRunner.query(`ALTER TABLE "agreement_versions" ADD "seal_certificate_sha256" text`);
    await queryRunner.query(
      `ALTER TABLE "agreement_versions" ALTER COLUMN "verification_code" DROP NOT NULL`,
    );
    await queryRunner.query(
      `UPDATE "agreement_versions" SET "verification_code" = NULL WHERE "sealed_at" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_versions" DROP CONSTRAINT "agreement_versions_sealed_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_versions" ADD CONSTRAINT "agreement_versions_sealed_check" CHECK (("sealed_at" IS NULL) = ("sealed_sha256" IS NULL) AND ("sealed_at" IS NULL) = ("sealed_pdf_path" IS NULL) AND ("sealed_at" IS NULL) = ("verification_code" IS NULL))`,
    );
    await queryRunner.query(
      `CREATE INDEX "agreement_versions_draft_sha256_idx" ON "agreement_versions" ("draft_sha256")`,
    );

    await queryRunner.query(`ALTER TABLE "agreement_signatures" ADD "signer_capacity" text`);
    await queryRunner.query(`ALTER TABLE "agreement_signatures" ADD "signer_title" text`);
    await queryRunner.query(`UPDATE "agreement_signatures" SET "signer_capacity" = CASE
        WHEN "party" = 'borrower' THEN 'self'
        WHEN "signer_api_key_id" IS NOT NULL THEN 'signing_agent'
        ELSE 'representative' END`);
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" ALTER COLUMN "signer_capacity" SET NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" DROP CONSTRAINT "agreement_signatures_party_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_party_check" CHECK ("party" IN ('borrower', 'lender', 'mediator'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_capacity_check" CHECK ("signer_capacity" IN ('self', 'representative', 'signing_agent', 'mediator'))`,
    );

    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" ENABLE TRIGGER "agreement_signatures_append_only"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_versions" ENABLE TRIGGER "agreement_versions_immutable"`,
    );
    await this.immutableExceptSealing(queryRunner, [
      'sealed_sha256',
      'sealed_pdf_path',
      'sealed_at',
      'verification_code',
      'seal_certificate_sha256',
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.immutableExceptSealing(queryRunner, [
      'sealed_sha256',
      'sealed_pdf_path',
      'sealed_at',
    ]);
    await queryRunner.query(
      `ALTER TABLE "agreement_versions" DISABLE TRIGGER "agreement_versions_immutable"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" DISABLE TRIGGER "agreement_signatures_append_only"`,
    );

    // The mediator's signatures have no place in the older schema.
    await queryRunner.query(`DELETE FROM "agreement_signatures" WHERE "party" = 'mediator'`);
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" DROP CONSTRAINT "agreement_signatures_capacity_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" DROP CONSTRAINT "agreement_signatures_party_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" ADD CONSTRAINT "agreement_signatures_party_check" CHECK ("party" IN ('borrower', 'lender'))`,
    );
    await queryRunner.query(`ALTER TABLE "agreement_signatures" DROP COLUMN "signer_title"`);
    await queryRunner.query(`ALTER TABLE "agreement_signatures" DROP COLUMN "signer_capacity"`);

    await queryRunner.query(`DROP INDEX "public"."agreement_versions_draft_sha256_idx"`);
    await queryRunner.query(
      `ALTER TABLE "agreement_versions" DROP CONSTRAINT "agreement_versions_sealed_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_versions" ADD CONSTRAINT "agreement_versions_sealed_check" CHECK (("sealed_at" IS NULL) = ("sealed_sha256" IS NULL) AND ("sealed_at" IS NULL) = ("sealed_pdf_path" IS NULL))`,
    );
    // The older schema gave every draft a code; the dropped ones are gone, so new ones stand in.
    await queryRunner.query(`UPDATE "agreement_versions"
        SET "verification_code" = upper(substr(md5("id"::text), 1, 4) || '-' || substr(md5("id"::text), 5, 4) || '-' || substr(md5("id"::text), 9, 4))
      WHERE "verification_code" IS NULL`);
    await queryRunner.query(
      `ALTER TABLE "agreement_versions" ALTER COLUMN "verification_code" SET NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_versions" DROP COLUMN "seal_certificate_sha256"`,
    );
    await queryRunner.query(`ALTER TABLE "agreement_versions" DROP COLUMN "payment"`);

    await queryRunner.query(
      `ALTER TABLE "agreement_signatures" ENABLE TRIGGER "agreement_signatures_append_only"`,
    );
    await queryRunner.query(
      `ALTER TABLE "agreement_versions" ENABLE TRIGGER "agreement_versions_immutable"`,
    );

    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "debt_statement"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "service_address"`);
    await queryRunner.query(
      `ALTER TABLE "api_keys" DROP CONSTRAINT "api_keys_signing_agent_check"`,
    );
    await queryRunner.query(`ALTER TABLE "api_keys" DROP COLUMN "signing_agent_title"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP COLUMN "signing_agent_name"`);
    await queryRunner.query(
      `ALTER TABLE "organizations" DROP CONSTRAINT "organizations_cost_ceiling_check"`,
    );
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "annual_cost_ceiling_bp"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "court_name"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "registered_address"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "credit_code"`);
  }

  /** A version changes once, when it is sealed, and then only in the seal's columns. */
  private async immutableExceptSealing(queryRunner: QueryRunner, columns: string[]): Promise<void> {
    const sealing = columns.map((c) => `'${c}'`).join(', ');
    await queryRunner.query(`CREATE OR REPLACE FUNCTION "agreement_versions_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        sealing CONSTANT text[] := ARRAY[${sealing}];
      BEGIN
        IF TG_OP <> 'UPDATE' OR OLD.sealed_at IS NOT NULL
           OR (to_jsonb(NEW) - sealing) IS DISTINCT FROM (to_jsonb(OLD) - sealing) THEN
          RAISE EXCEPTION 'agreement versions are immutable (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
  }
}
