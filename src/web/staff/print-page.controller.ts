import { Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffPrincipal } from '../../access/principal';
import { CurrentStaff, Roles } from '../../access/roles.decorator';
import { PrintQueueQuery } from '../../agreements/agreements.dto';
import { AgreementsService } from '../../agreements/agreements.service';
import { PrintLogQuery } from '../../agreements/print-log.dto';
import { PrintLogService } from '../../agreements/print-log.service';
import { PageController } from '../page-controller.decorator';
import { bindQuery } from '../page-forms';
import type { FormBody } from '../page-forms';
import { PageRenderer } from '../page-renderer';

/** The print query: the queue's page and the record's page, each a list of the API. */
class PrintDeskQuery extends PrintQueueQuery {}

/**
 * `/print`, the clerk's print desk: `GET /api/v1/agreements/print-queue` (sealed agreements no
 * clerk has printed yet) and `GET /api/v1/agreements/prints` (what was printed, by whom).
 * Opening the sealed PDF (`/cases/:id/agreement/pdf`, as the API's download) is the print,
 * recorded against the clerk, and takes the case off the queue.
 */
@PageController('print')
export class PrintPageController {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly log: PrintLogService,
    private readonly pages: PageRenderer,
  ) {}

  @Roles('clerk')
  @Get()
  async show(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentStaff() p: StaffPrincipal,
    @Query() raw: FormBody,
  ): Promise<void> {
    const { query, form } = await bindQuery(PrintDeskQuery, raw);
    const [queue, printed] = await Promise.all([
      this.agreements.printQueue(p, query),
      this.log.forCentre(p, new PrintLogQuery()),
    ]);
    return this.pages.render(
      req,
      reply,
      'staff/print',
      { form, queue: queue.items, queueNext: queue.nextCursor, printed: printed.items },
      { status: form.status, titleKey: 'staff.print.title', page: 'print' },
    );
  }
}
