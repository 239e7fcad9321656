import { Injectable } from '@nestjs/common';
import type { Principal } from '../../access/principal';
import type { CaseListQuery } from '../../cases/cases.dto';
import { CASE_LIST_ORDERS } from '../../cases/case-list.query';
import { OrganizationsService } from '../../organizations/organizations.service';

/** The staff's filters on `/cases` beyond status and search: lender, filing dates, order. */
@Injectable()
export class StaffCaseFilters {
  constructor(private readonly organizations: OrganizationsService) {}

  async options(p: Principal, query: CaseListQuery) {
    // A lender's representative sees their own organisation's cases only: no lender to choose.
    const lenders =
      p.role === 'lender'
        ? null
        : (await this.organizations.list(p, 'lender')).map((o) => ({
            value: o.id,
            text: o.name,
          }));
    return {
      lenders,
      orders: [...CASE_LIST_ORDERS]
        .reverse()
        .map((o) => ({ value: o, key: `staff.filters.orders.${o}` })),
      order: query.order,
    };
  }
}

/** `/cases?…` with the same filters and the next page's cursor. */
export function nextPageHref(raw: Record<string, unknown>, cursor: string): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'string' && v && k !== 'cursor' && k !== 'lang') params.set(k, v);
  }
  params.set('cursor', cursor);
  return `/cases?${params}`;
}
