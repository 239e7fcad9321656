/** Who a person is to the platform (domain.md "People"). */
export const ROLES = ['borrower', 'clerk', 'mediator', 'lender', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES = ['clerk', 'mediator', 'lender', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
