import { MigrationInterface, QueryRunner } from 'typeorm';

/** Who signed the current agreement version, so allowedActions can drop sign_agreement for them. */
export class CaseSignedParties1795697400000 implements MigrationInterface {
  name = 'CaseSignedParties1795697400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" ADD "signed_parties" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`UPDATE "cases" c SET "signed_parties" = s.parties
      FROM (SELECT v.case_id, jsonb_agg(sig.party) AS parties
              FROM agreement_versions v JOIN agreement_signatures sig ON sig.agreement_version_id = v.id
             WHERE v.version = (SELECT max(version) FROM agreement_versions WHERE case_id = v.case_id)
             GROUP BY v.case_id) s
     WHERE s.case_id = c.id`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "signed_parties"`);
  }
}
