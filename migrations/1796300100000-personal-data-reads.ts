import { MigrationInterface, QueryRunner } from 'typeorm';

/** The access log of staff reads of unmasked personal data, listable by admins. */
export class PersonalDataReads1796300100000 implements MigrationInterface {
  name = 'PersonalDataReads1796300100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "personal_data_reads" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reader_id" uuid NOT NULL, "reader_role" text NOT NULL, "case_id" uuid NOT NULL, "fields" text array NOT NULL, "source" text NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "personal_data_reads_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "personal_data_reads_read_at_idx" ON "personal_data_reads" ("read_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "personal_data_reads_reader_idx" ON "personal_data_reads" ("reader_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "personal_data_reads_case_idx" ON "personal_data_reads" ("case_id") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "personal_data_reads"`);
  }
}
