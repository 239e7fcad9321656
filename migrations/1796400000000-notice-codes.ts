import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, verifiable notices: the check code printed on every mail and posted notice, and
 * what the public lookup may say of it (kind, case, role, channel, when; nothing personal).
 */
export class NoticeCodes1796400000000 implements MigrationInterface {
  name = 'NoticeCodes1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notice_codes" ("code" text NOT NULL, "case_id" uuid, "kind" text NOT NULL, "recipient_role" text, "channel" text NOT NULL, "mail_id" uuid, "postal_task_id" uuid, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "notice_codes_channel_check" CHECK ("channel" IN ('mail', 'post')), CONSTRAINT "notice_codes_pkey" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(`CREATE INDEX "notice_codes_case_idx" ON "notice_codes"  ("case_id") `);
    await queryRunner.query(
      `ALTER TABLE "notice_codes" ADD CONSTRAINT "notice_codes_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_codes" ADD CONSTRAINT "notice_codes_mail_fk" FOREIGN KEY ("mail_id") REFERENCES "mail_outbox"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_codes" ADD CONSTRAINT "notice_codes_postal_task_fk" FOREIGN KEY ("postal_task_id") REFERENCES "postal_tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "notice_codes" DROP CONSTRAINT "notice_codes_postal_task_fk"`,
    );
    await queryRunner.query(`ALTER TABLE "notice_codes" DROP CONSTRAINT "notice_codes_mail_fk"`);
    await queryRunner.query(`ALTER TABLE "notice_codes" DROP CONSTRAINT "notice_codes_case_fk"`);
    await queryRunner.query(`DROP INDEX "public"."notice_codes_case_idx"`);
    await queryRunner.query(`DROP TABLE "notice_codes"`);
  }
}
