/**
 * The plan's arithmetic, pure: how a payment is spread over the installments, what the lender
 * waives, and what is owed, paid and still to come. Amounts are integer fen; an installment is
 * never paid or waived beyond its amount, so paid + waived + owed + remaining is always the
 * sealed settlement amount.
 */

export type InstallmentState = 'due' | 'paid' | 'partly_paid' | 'late' | 'waived';

export interface InstallmentBalance {
  seq: number;
  /** `YYYY-MM-DD` (Asia/Shanghai). */
  dueDate: string;
  amountFen: number;
  paidFen: number;
  /** Released by the lender: what was left unpaid on it when it was waived. */
  waivedFen: number;
  state: InstallmentState;
}

export interface Allocation {
  seq: number;
  fen: number;
}

export interface PlanTotals {
  settlementFen: number;
  paidFen: number;
  /** Released by the lender (waived installments' unpaid rest). */
  waivedFen: number;
  /** Unpaid on installments whose due date has passed (or is today). */
  owedFen: number;
  /** Unpaid on installments not yet due. */
  remainingFen: number;
}

/** What is still to pay on one installment: neither paid nor waived. */
export const unpaidFen = (i: Pick<InstallmentBalance, 'amountFen' | 'paidFen' | 'waivedFen'>) =>
  i.amountFen - i.paidFen - i.waivedFen;
const unpaid = unpaidFen;

/** What is left to pay on the whole plan. */
export const outstandingFen = (plan: readonly InstallmentBalance[]) =>
  plan.reduce((sum, i) => sum + unpaid(i), 0);

/**
 * The order a payment made on `paidOn` fills the installments in (agreement clause 5): first
 * whatever had fallen due by that day, oldest first; then the installment of the current
 * period (the earliest not yet due: paying this month's installment a few days early is not
 * an early repayment); anything beyond that is an early repayment and goes to the last
 * installments first, shortening the plan from its end.
 */
export function fillOrder(plan: readonly InstallmentBalance[], paidOn: string): number[] {
  const open = [...plan].filter((i) => unpaid(i) > 0).sort((a, b) => a.seq - b.seq);
  const fallenDue = open.filter((i) => i.dueDate <= paidOn);
  const notYetDue = open.filter((i) => i.dueDate > paidOn);
  const [current, ...later] = notYetDue;
  return [
    ...fallenDue.map((i) => i.seq),
    ...(current ? [current.seq] : []),
    ...later.reverse().map((i) => i.seq),
  ];
}

/**
 * The shares of a payment per installment. Throws a RangeError when the payment is not a
 * positive whole number of fen or exceeds what is left: the caller refuses it, so nothing is
 * ever paid beyond the plan.
 */
export function allocate(
  plan: readonly InstallmentBalance[],
  amountFen: number,
  paidOn: string,
): Allocation[] {
  if (!Number.isSafeInteger(amountFen) || amountFen < 1) {
    throw new RangeError(`a payment is a positive whole number of fen: ${amountFen}`);
  }
  const left = outstandingFen(plan);
  if (amountFen > left) {
    throw new RangeError(`the payment of ${amountFen} fen exceeds the ${left} fen left to pay`);
  }
  const bySeq = new Map(plan.map((i) => [i.seq, i]));
  const shares: Allocation[] = [];
  let rest = amountFen;
  for (const seq of fillOrder(plan, paidOn)) {
    if (rest === 0) break;
    const fen = Math.min(rest, unpaid(bySeq.get(seq)!));
    shares.push({ seq, fen });
    rest -= fen;
  }
  return shares;
}

/** The state of an installment from what was paid on it and whether it was marked late. */
export function stateOf(i: Pick<InstallmentBalance, 'amountFen' | 'paidFen' | 'state'>) {
  if (i.state === 'waived') return 'waived';
  if (i.paidFen >= i.amountFen) return 'paid';
  if (i.state === 'late') return 'late';
  return i.paidFen > 0 ? 'partly_paid' : 'due';
}

/** The plan after a payment's shares are applied (a new list; the input is left as it was). */
export function applyAllocation(
  plan: readonly InstallmentBalance[],
  shares: readonly Allocation[],
): InstallmentBalance[] {
  const add = new Map(shares.map((s) => [s.seq, s.fen]));
  return plan.map((i) => {
    const paidFen = i.paidFen + (add.get(i.seq) ?? 0);
    return { ...i, paidFen, state: stateOf({ ...i, paidFen }) };
  });
}

/** Why an installment cannot be waived, or null when it can (it has something left to pay). */
export function waiverRefusal(i: InstallmentBalance): string | null {
  if (i.state === 'waived') return `installment ${i.seq} was already waived`;
  if (unpaid(i) === 0) return `installment ${i.seq} is paid in full: nothing is left to waive`;
  return null;
}

/**
 * The plan after the lender waives what is left unpaid on installment `seq` (a new list): the
 * installment becomes `waived` with that rest as `waivedFen`; what was paid on it stays paid.
 * Throws a RangeError when it cannot be waived (see `waiverRefusal`).
 */
export function applyWaiver(
  plan: readonly InstallmentBalance[],
  seq: number,
): InstallmentBalance[] {
  const target = plan.find((i) => i.seq === seq);
  if (!target) throw new RangeError(`the plan has no installment ${seq}`);
  const refused = waiverRefusal(target);
  if (refused) throw new RangeError(refused);
  return plan.map((i) =>
    i.seq === seq ? { ...i, waivedFen: i.waivedFen + unpaid(i), state: 'waived' } : i,
  );
}

/** Owed, paid and remaining on `asOf` (`YYYY-MM-DD`, Asia/Shanghai). */
export function totalsOf(plan: readonly InstallmentBalance[], asOf: string): PlanTotals {
  let paidFen = 0;
  let waivedFen = 0;
  let owedFen = 0;
  let remainingFen = 0;
  let settlementFen = 0;
  for (const i of plan) {
    settlementFen += i.amountFen;
    paidFen += i.paidFen;
    waivedFen += i.waivedFen;
    if (i.dueDate <= asOf) owedFen += unpaid(i);
    else remainingFen += unpaid(i);
  }
  return { settlementFen, paidFen, waivedFen, owedFen, remainingFen };
}
