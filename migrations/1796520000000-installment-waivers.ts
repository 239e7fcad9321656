import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lender's waiver of an installment (issue 16): what was left unpaid on it when waived,
 * beside what was paid, both within its amount; only a `waived` installment has a waived amount.
 */
export class InstallmentWaivers1796520000000 implements MigrationInterface {
  name = 'InstallmentWaivers1796520000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "plan_installments" ADD "waived_fen" bigint NOT NULL DEFAULT '0'`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_installments" DROP CONSTRAINT "plan_installments_paid_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_installments" ADD CONSTRAINT "plan_installments_paid_check" CHECK ("paid_fen" >= 0 AND "waived_fen" >= 0 AND "paid_fen" + "waived_fen" <= "amount_fen")`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_installments" ADD CONSTRAINT "plan_installments_waived_check" CHECK (("state" = 'waived') = ("waived_fen" > 0))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "plan_installments" DROP CONSTRAINT "plan_installments_waived_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_installments" DROP CONSTRAINT "plan_installments_paid_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "plan_installments" ADD CONSTRAINT "plan_installments_paid_check" CHECK ("paid_fen" >= 0 AND "paid_fen" <= "amount_fen")`,
    );
    await queryRunner.query(`ALTER TABLE "plan_installments" DROP COLUMN "waived_fen"`);
  }
}
