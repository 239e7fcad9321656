import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The statistics of each scope (issue 14), computed from the timeline at most every
 * STATS_REFRESH_SECONDS and kept here, so that `/stats` and `GET /api/v1/stats` read one row
 * rather than aggregating every case: `all` (an admin), `centre:<id>` (the centre's clerks).
 */
export class StatsSnapshots1796500000000 implements MigrationInterface {
  name = 'StatsSnapshots1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "stats_snapshots" ("scope" text NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "body" json NOT NULL, CONSTRAINT "stats_snapshots_scope_check" CHECK ("scope" = 'all' OR "scope" ~ '^centre:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'), CONSTRAINT "stats_snapshots_pkey" PRIMARY KEY ("scope"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "stats_snapshots"`);
  }
}
