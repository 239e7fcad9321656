import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Cursor } from '../common/pagination';

export interface PrintLogRow {
  id: string;
  caseId: string;
  caseNumber: string;
  version: number;
  copy: string;
  printedAt: Date;
  printedByName: string | null;
  printedByRole: string;
}

/** The record of prints: every download of an agreement of a centre's cases, newest first. */
@Injectable()
export class PrintLogRepository {
  async forCentre(
    manager: EntityManager,
    centerId: string,
    limit: number,
    before?: Cursor,
  ): Promise<PrintLogRow[]> {
    const rows: {
      id: string;
      case_id: string;
      case_number: string;
      version: number;
      copy: string;
      printed_at: Date;
      user_name: string | null;
      role: string;
    }[] = await manager.query(
      `SELECT p.id, c.id AS case_id, c.case_number, v.version, p.copy, p.printed_at,
              u.name AS user_name, p.role
         FROM agreement_prints p
         JOIN agreement_versions v ON v.id = p.agreement_version_id
         JOIN cases c ON c.id = v.case_id
         LEFT JOIN users u ON u.id = p.user_id
        WHERE c.mediation_center_id = $1 AND p.role = 'clerk'
          AND ($2::timestamptz IS NULL OR (p.printed_at, p.id) < ($2::timestamptz, $3::uuid))
        ORDER BY p.printed_at DESC, p.id DESC
        LIMIT $4`,
      [centerId, before?.at ?? null, before?.id ?? null, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      caseNumber: r.case_number,
      version: r.version,
      copy: r.copy,
      printedAt: r.printed_at,
      printedByName: r.user_name,
      printedByRole: r.role,
    }));
  }
}
