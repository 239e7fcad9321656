import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mediation sessions. The exclusion constraint is what keeps a mediator out of two sessions at
 * once, even for bookings that race on different cases; btree_gist lets a GiST index compare
 * the mediator's uuid with `=` beside the time range's `&&`.
 */
export class Sessions1795697100000 implements MigrationInterface {
  name = 'Sessions1795697100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(
      `CREATE TABLE "mediation_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "mediator_id" uuid NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "mode" text NOT NULL, "location" text, "meeting_url" text, "status" text NOT NULL, "minutes" text, "sequence" integer NOT NULL DEFAULT '0', "cancel_reason" text, "reminded_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "mediation_sessions_status_check" CHECK ("status" IN ('scheduled', 'held', 'cancelled')), CONSTRAINT "mediation_sessions_mode_check" CHECK ("mode" IN ('online', 'offline')), CONSTRAINT "mediation_sessions_time_check" CHECK ("ends_at" > "starts_at"), CONSTRAINT "mediation_sessions_place_check" CHECK (("mode" = 'online' AND "meeting_url" IS NOT NULL) OR ("mode" = 'offline' AND "location" IS NOT NULL)), CONSTRAINT "mediation_sessions_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "mediation_sessions_case_idx" ON "mediation_sessions" ("case_id", "starts_at")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "mediation_sessions_one_scheduled_per_case" ON "mediation_sessions" ("case_id") WHERE "status" = 'scheduled'`,
    );
    await queryRunner.query(
      `ALTER TABLE "mediation_sessions" ADD CONSTRAINT "mediation_sessions_no_overlap" EXCLUDE USING gist ("mediator_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&) WHERE ("status" <> 'cancelled')`,
    );
    await queryRunner.query(
      `ALTER TABLE "mediation_sessions" ADD CONSTRAINT "mediation_sessions_case_fk" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "mediation_sessions" ADD CONSTRAINT "mediation_sessions_mediator_fk" FOREIGN KEY ("mediator_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "mediation_sessions"`);
    // btree_gist stays: other objects may have come to use it.
  }
}
