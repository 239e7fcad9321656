import { MigrationInterface, QueryRunner } from 'typeorm';

/** Server-side sessions of the web pages: the token's hash, its owner, its life. */
export class PageSessions1795697500000 implements MigrationInterface {
  name = 'PageSessions1795697500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "page_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "token_hash" text NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "page_sessions_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "page_sessions_token_hash_key" ON "page_sessions" ("token_hash") `,
    );
    await queryRunner.query(
      `CREATE INDEX "page_sessions_user_idx" ON "page_sessions" ("user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "page_sessions" ADD CONSTRAINT "page_sessions_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "page_sessions"`);
  }
}
