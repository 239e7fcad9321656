import { MigrationInterface, QueryRunner } from 'typeorm';

/** Years of the official holiday calendar entered by an admin before a package release has them. */
export class CalendarYears1796150000000 implements MigrationInterface {
  name = 'CalendarYears1796150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "calendar_years" ("year" integer NOT NULL, "holidays" date array NOT NULL, "makeup_workdays" date array NOT NULL, "notice" text, "entered_by" uuid NOT NULL, "entered_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "calendar_years_year_check" CHECK ("year" BETWEEN 2000 AND 2100), CONSTRAINT "calendar_years_pkey" PRIMARY KEY ("year"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_years" ADD CONSTRAINT "calendar_years_entered_by_fk" FOREIGN KEY ("entered_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "calendar_years"`);
  }
}
