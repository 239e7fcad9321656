import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ApiKeyPrincipal, StaffPrincipal } from '../access/principal';
import { decodeCursor, DEFAULT_PAGE_SIZE, pageOf } from '../common/pagination';
import type { PrintLogQuery, PrintLogResponse } from './print-log.dto';
import { PrintLogRepository } from './print-log.repository';

/** What the centre's clerks printed, and who: the print desk's record. */
@Injectable()
export class PrintLogService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log: PrintLogRepository,
  ) {}

  async forCentre(
    p: StaffPrincipal | ApiKeyPrincipal,
    q: PrintLogQuery,
  ): Promise<PrintLogResponse> {
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.log.forCentre(
      this.dataSource.manager,
      p.organizationId,
      limit + 1,
      q.cursor ? decodeCursor(q.cursor) : undefined,
    );
    const { items, nextCursor } = pageOf(rows, limit, (r) => [r.printedAt, r.id]);
    return {
      items: items.map((r) => ({
        caseId: r.caseId,
        caseNumber: r.caseNumber,
        version: r.version,
        copy: r.copy,
        printedAt: r.printedAt.toISOString(),
        printedBy: r.printedByName,
      })),
      nextCursor,
    };
  }
}
