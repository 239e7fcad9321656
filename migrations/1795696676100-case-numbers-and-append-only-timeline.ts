import { MigrationInterface, QueryRunner } from 'typeorm';

/** What TypeORM does not model: the case-number sequence and the append-only timeline. */
export class CaseNumbersAndAppendOnlyTimeline1795696676100 implements MigrationInterface {
  name = 'CaseNumbersAndAppendOnlyTimeline1795696676100';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Unique and never reused, even when a filing rolls back.
    await queryRunner.query(`CREATE SEQUENCE "case_number_seq" START 1`);
    await queryRunner.query(`CREATE FUNCTION "case_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "case_events_no_update_delete" BEFORE UPDATE OR DELETE ON "case_events"
      FOR EACH ROW EXECUTE FUNCTION "case_events_append_only"()`);
    await queryRunner.query(`CREATE TRIGGER "case_events_no_truncate" BEFORE TRUNCATE ON "case_events"
      FOR EACH STATEMENT EXECUTE FUNCTION "case_events_append_only"()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "case_events_no_truncate" ON "case_events"`);
    await queryRunner.query(`DROP TRIGGER "case_events_no_update_delete" ON "case_events"`);
    await queryRunner.query(`DROP FUNCTION "case_events_append_only"()`);
    await queryRunner.query(`DROP SEQUENCE "case_number_seq"`);
  }
}
