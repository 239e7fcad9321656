import type { Principal } from '../access/principal';

/** Adds a query parameter and answers its placeholder (`$3`). */
export type Bind = (value: unknown) => string;

/**
 * workflow.md "Who sees a case", as one SQL condition on the `cases` row aliased `c`. The
 * list, the single read and every lock use it, so a case the caller may not see is never
 * loaded at all.
 */
export function caseVisibility(p: Principal, bind: Bind): string {
  switch (p.role) {
    case 'borrower':
      return `c.borrower_id = ${bind(p.userId)}`;
    case 'lender':
      // Never before review passes: only once the lender was notified.
      return `c.lender_organization_id = ${bind(p.organizationId)} AND c.lender_notified_at IS NOT NULL`;
    case 'mediator':
      return `c.mediator_id = ${bind(p.userId)}`;
    case 'clerk':
      return `c.mediation_center_id = ${bind(p.organizationId)}`;
    case 'admin':
      return 'TRUE';
  }
}

/** Positional parameters for a raw query: `const { bind, params } = parameters()`. */
export function parameters(): { bind: Bind; params: unknown[] } {
  const params: unknown[] = [];
  return {
    params,
    bind: (value) => {
      params.push(value);
      return `$${params.length}`;
    },
  };
}
