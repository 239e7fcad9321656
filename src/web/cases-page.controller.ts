import { Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../access/principal';
import { AnyRole, CurrentPrincipal } from '../access/roles.decorator';
import { CaseListQuery } from '../cases/cases.dto';
import { CasesService } from '../cases/cases.service';
import { CASE_STATUSES } from '../workflow/states';
import { PageController } from './page-controller.decorator';
import { bindQuery } from './page-forms';
import type { FormBody } from './page-forms';
import { PageRenderer } from './page-renderer';
import { nextPageHref, StaffCaseFilters } from './staff/staff-case-filters';
import { nextOf } from './case/case-view';

/**
 * `/cases`: the caller's cases, as `GET /api/v1/cases` lists them for the same caller
 * (a borrower their own, a clerk the centre's, a mediator theirs, a lender its own).
 */
@PageController('cases')
export class CasesPageController {
  constructor(
    private readonly cases: CasesService,
    private readonly pages: PageRenderer,
    private readonly staffFilters: StaffCaseFilters,
  ) {}

  @AnyRole()
  @Get()
  async list(
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() p: Principal,
    @Query() raw: FormBody,
  ): Promise<void> {
    const { query, form } = await bindQuery(CaseListQuery, raw);
    // Staff see what waits on them first (the clerk's review queue, the lender's answers due).
    if (p.role !== 'borrower') query.order ??= 'queue';
    const page = await this.cases.list(p, query);
    const filters = p.role === 'borrower' ? null : await this.staffFilters.options(p, query);
    return this.pages.render(
      req,
      reply,
      'cases',
      {
        form,
        // The deadline that runs now, the one a reader needs (what the case page calls "next").
        items: page.items.map((c) => ({ ...c, next: nextOf(c) })),
        nextCursor: page.nextCursor,
        moreHref: page.nextCursor ? nextPageHref(raw, page.nextCursor) : null,
        statusOptions: CASE_STATUSES.map((s) => ({ value: s, key: `caseStatus.${s}` })),
        isStaff: p.role !== 'borrower',
        filters,
      },
      { status: form.status },
    );
  }
}
