import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A token version on each user, carried in every JWT and page session: a password change,
 * a reset or a deactivation raises it, and every credential issued before stops working.
 */
export class AccountTokenVersion1796300000000 implements MigrationInterface {
  name = 'AccountTokenVersion1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "token_version" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(
      `ALTER TABLE "page_sessions" ADD "token_version" integer NOT NULL DEFAULT 0`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "page_sessions" DROP COLUMN "token_version"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "token_version"`);
  }
}
