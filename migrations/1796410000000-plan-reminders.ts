import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sent-marker of each installment's reminder (issue 16): one row per installment, so a
 * reminder job run again after a restart, or by a second worker, sends nothing.
 */
export class PlanReminders1796410000000 implements MigrationInterface {
  name = 'PlanReminders1796410000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "plan_reminders" ("installment_id" uuid NOT NULL, "case_id" uuid NOT NULL, "due_date" date NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "plan_reminders_pkey" PRIMARY KEY ("installment_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_reminders" ADD CONSTRAINT "plan_reminders_installment_fk" FOREIGN KEY ("installment_id") REFERENCES "plan_installments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_reminders" ADD CONSTRAINT "plan_reminders_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "plan_reminders" DROP CONSTRAINT "plan_reminders_case_fk"`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_reminders" DROP CONSTRAINT "plan_reminders_installment_fk"`,
    );
    await queryRunner.query(`DROP TABLE "plan_reminders"`);
  }
}
