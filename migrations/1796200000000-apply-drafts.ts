import { MigrationInterface, QueryRunner } from 'typeorm';

/** A borrower's application draft on /apply, one per borrower, until the case is filed. */
export class ApplyDrafts1796200000000 implements MigrationInterface {
  name = 'ApplyDrafts1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "apply_drafts" ("borrower_id" uuid NOT NULL, "values" jsonb NOT NULL, "step" text NOT NULL, "filing_key" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "apply_drafts_pkey" PRIMARY KEY ("borrower_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "apply_drafts" ADD CONSTRAINT "apply_drafts_borrower_fk" FOREIGN KEY ("borrower_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "apply_drafts"`);
  }
}
