import fc from 'fast-check';
import { buildSchedule } from '../agreements/schedule';
import {
  allocate,
  applyAllocation,
  applyWaiver,
  fillOrder,
  InstallmentBalance,
  outstandingFen,
  totalsOf,
  unpaidFen,
  waiverRefusal,
} from './allocation';

/*
 * Random sealed schedules and random sequences of payments and the lender's waivers: partial
 * payments, payments of exactly one installment, over-payments spanning several, early
 * repayments, payments beyond what is left (refused), waivers of open, partly paid, paid and
 * already waived installments (the last two refused). After every step paid + waived + owed +
 * remaining is the sealed amount to the fen.
 */

const DAY = 86_400_000;
const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

const schedule = fc
  .record({
    installments: fc.integer({ min: 1, max: 60 }),
    perInstallment: fc.integer({ min: 1, max: 5_000_000 }),
    extra: fc.integer({ min: 0, max: 99 }),
    firstDay: fc.integer({ min: 0, max: 3_000 }),
  })
  .map(({ installments, perInstallment, extra, firstDay }) => {
    const settlementFen = installments * perInstallment + extra;
    const rows = buildSchedule({
      settlementFen,
      installments,
      firstDueDate: shift('2026-01-01', firstDay),
    });
    const plan: InstallmentBalance[] = rows.map((r) => ({
      ...r,
      paidFen: 0,
      waivedFen: 0,
      state: 'due',
    }));
    return { settlementFen, plan };
  });

/** A payment as a fraction of what is left (over 1 means more than is left: refused). */
const payment = fc.record({
  share: fc.double({ min: 0.0001, max: 1.3, noNaN: true }),
  dayOffset: fc.integer({ min: -40, max: 2_000 }),
});

/** A waiver of the installment at a fraction of the schedule (any: open, paid or waived). */
const waiver = fc.record({ at: fc.double({ min: 0, max: 0.9999, noNaN: true }) });
type Step = { kind: 'pay'; share: number; dayOffset: number } | { kind: 'waive'; at: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: payment.map((p) => ({ kind: 'pay' as const, ...p })) },
  { weight: 1, arbitrary: waiver.map((w) => ({ kind: 'waive' as const, ...w })) },
);

describe('the plan adds up', () => {
  it('owed + paid + remaining equals the sealed amount after any sequence of payments', () => {
    fc.assert(
      fc.property(schedule, fc.array(payment, { maxLength: 30 }), (s, payments) => {
        let plan = s.plan;
        let paidSoFar = 0;
        for (const p of payments) {
          const left = outstandingFen(plan);
          if (left === 0) break;
          const amount = Math.max(1, Math.round(left * p.share));
          const on = shift(s.plan[0].dueDate, p.dayOffset);
          if (amount > left) {
            expect(() => allocate(plan, amount, on)).toThrow(RangeError);
            continue;
          }
          const shares = allocate(plan, amount, on);
          expect(shares.reduce((sum, x) => sum + x.fen, 0)).toBe(amount);
          plan = applyAllocation(plan, shares);
          paidSoFar += amount;

          for (const i of plan) {
            expect(i.paidFen).toBeGreaterThanOrEqual(0);
            expect(i.paidFen).toBeLessThanOrEqual(i.amountFen);
            expect(i.state).toBe(
              i.paidFen === i.amountFen ? 'paid' : i.paidFen > 0 ? 'partly_paid' : 'due',
            );
          }
          const asOf = shift(on, p.dayOffset % 97);
          const t = totalsOf(plan, asOf);
          expect(t.owedFen + t.paidFen + t.remainingFen).toBe(s.settlementFen);
          expect(t.paidFen).toBe(paidSoFar);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('paid + waived + owed + remaining equals the sealed amount after payments and waivers', () => {
    fc.assert(
      fc.property(schedule, fc.array(step, { maxLength: 40 }), (s, steps) => {
        let plan = s.plan;
        let paidSoFar = 0;
        let waivedSoFar = 0;
        let on = s.plan[0].dueDate;
        for (const x of steps) {
          const left = outstandingFen(plan);
          if (x.kind === 'pay') {
            on = shift(s.plan[0].dueDate, x.dayOffset);
            const amount = Math.max(1, Math.round(left * x.share));
            if (left === 0 || amount > left) {
              expect(() => allocate(plan, amount, on)).toThrow(RangeError);
              continue;
            }
            const shares = allocate(plan, amount, on);
            // A payment never goes to a waived installment.
            for (const share of shares) {
              expect(plan[share.seq - 1].state).not.toBe('waived');
            }
            plan = applyAllocation(plan, shares);
            paidSoFar += amount;
          } else {
            const target = plan[Math.floor(x.at * plan.length)];
            const rest = unpaidFen(target);
            if (waiverRefusal(target) !== null) {
              // Paid in full or waived already: refused, and the plan is left as it was.
              expect(target.state === 'waived' || rest === 0).toBe(true);
              expect(() => applyWaiver(plan, target.seq)).toThrow(RangeError);
              continue;
            }
            const before = plan;
            plan = applyWaiver(plan, target.seq);
            waivedSoFar += rest;
            expect(outstandingFen(plan)).toBe(left - rest);
            // Only that installment changed; what was paid on it stays paid.
            plan.forEach((i, k) => {
              if (i.seq !== target.seq) expect(i).toEqual(before[k]);
              else expect(i).toMatchObject({ paidFen: target.paidFen, state: 'waived' });
            });
          }

          for (const i of plan) {
            expect(i.paidFen).toBeGreaterThanOrEqual(0);
            expect(i.waivedFen).toBeGreaterThanOrEqual(0);
            expect(i.paidFen + i.waivedFen).toBeLessThanOrEqual(i.amountFen);
            expect(i.state === 'waived').toBe(i.waivedFen > 0);
            if (i.state === 'waived') expect(unpaidFen(i)).toBe(0);
          }
          for (const asOf of [on, shift(on, -31), shift(on, 400)]) {
            const t = totalsOf(plan, asOf);
            expect(t.paidFen + t.waivedFen + t.owedFen + t.remainingFen).toBe(s.settlementFen);
            expect(t.paidFen).toBe(paidSoFar);
            expect(t.waivedFen).toBe(waivedSoFar);
          }
          // Nothing left (the plan completes) exactly when every installment is paid or waived.
          expect(outstandingFen(plan) === 0).toBe(
            plan.every((i) => i.state === 'paid' || i.state === 'waived'),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('an early repayment fills the last installments first, after the current one', () => {
    fc.assert(
      fc.property(schedule, fc.double({ min: 0.01, max: 1, noNaN: true }), (s, share) => {
        fc.pre(s.plan.length >= 3);
        // Paid before the first due date: nothing has fallen due yet.
        const on = shift(s.plan[0].dueDate, -5);
        const amount = Math.max(1, Math.round(outstandingFen(s.plan) * share));
        const shares = allocate(s.plan, amount, on);
        const order = [
          1,
          ...s.plan
            .map((i) => i.seq)
            .slice(1)
            .reverse(),
        ];
        expect(fillOrder(s.plan, on)).toEqual(order);
        // Every share but the last fills its installment completely, in that order.
        shares.forEach((x, k) => {
          expect(x.seq).toBe(order[k]);
          if (k < shares.length - 1) expect(x.fen).toBe(s.plan[x.seq - 1].amountFen);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('what has fallen due is paid oldest first before anything else', () => {
    const plan: InstallmentBalance[] = buildSchedule({
      settlementFen: 800_000,
      installments: 4,
      firstDueDate: '2026-01-15',
    }).map((r) => ({ ...r, paidFen: 0, waivedFen: 0, state: 'due' }));
    // 15 March: the first three have fallen due; 6500.00 covers them and 500.00 of the fourth.
    const shares = allocate(plan, 650_000, '2026-03-15');
    expect(shares).toEqual([
      { seq: 1, fen: 200_000 },
      { seq: 2, fen: 200_000 },
      { seq: 3, fen: 200_000 },
      { seq: 4, fen: 50_000 },
    ]);
    const after = applyAllocation(plan, shares);
    expect(after.map((i) => i.state)).toEqual(['paid', 'paid', 'paid', 'partly_paid']);
    expect(totalsOf(after, '2026-03-15')).toEqual({
      settlementFen: 800_000,
      paidFen: 650_000,
      waivedFen: 0,
      owedFen: 0,
      remainingFen: 150_000,
    });
    expect(() => allocate(after, 150_001, '2026-03-16')).toThrow(/exceeds the 150000 fen/);
  });
});
