import fc from 'fast-check';
import { addMonthsClamped, buildSchedule, daysInMonth, MAX_INSTALLMENTS } from './schedule';

const isoDate = fc
  .record({
    year: fc.integer({ min: 2000, max: 2090 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ year, month, day }) => {
    const d = Math.min(day, daysInMonth(year, month));
    return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  });

const scheduleInput = fc
  .record({
    installments: fc.integer({ min: 1, max: MAX_INSTALLMENTS }),
    extraFen: fc.integer({ min: 0, max: 1_000_000_000_00 }),
    firstDueDate: isoDate,
  })
  .map(({ installments, extraFen, firstDueDate }) => ({
    installments,
    settlementFen: installments + extraFen,
    firstDueDate,
  }));

describe('buildSchedule', () => {
  it('splits 8000.00 yuan into 12 installments with the remainder on the last', () => {
    const rows = buildSchedule({
      settlementFen: 800000,
      installments: 12,
      firstDueDate: '2026-12-15',
    });
    expect(rows).toHaveLength(12);
    expect(rows.slice(0, 11).every((r) => r.amountFen === 66666)).toBe(true);
    expect(rows[11]).toEqual({ seq: 12, dueDate: '2027-11-15', amountFen: 66674 });
    expect(rows[0]).toEqual({ seq: 1, dueDate: '2026-12-15', amountFen: 66666 });
  });

  it('keeps a 31st due date on the 31st after clamping in February', () => {
    const dates = buildSchedule({
      settlementFen: 600000,
      installments: 6,
      firstDueDate: '2027-01-31',
    }).map((r) => r.dueDate);
    expect(dates).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
      '2027-05-31',
      '2027-06-30',
    ]);
  });

  it('uses 29 February in a leap year', () => {
    expect(addMonthsClamped('2028-01-30', 1)).toBe('2028-02-29');
    expect(addMonthsClamped('2027-12-31', 2)).toBe('2028-02-29');
  });

  it('rolls over the year end', () => {
    expect(addMonthsClamped('2026-11-05', 3)).toBe('2027-02-05');
    expect(addMonthsClamped('2026-01-10', 59)).toBe('2030-12-10');
  });

  it('puts a single installment on the first due date for the whole amount', () => {
    expect(
      buildSchedule({ settlementFen: 123456, installments: 1, firstDueDate: '2027-03-01' }),
    ).toEqual([{ seq: 1, dueDate: '2027-03-01', amountFen: 123456 }]);
  });

  it('accepts exactly one fen per installment', () => {
    const rows = buildSchedule({ settlementFen: 60, installments: 60, firstDueDate: '2027-01-01' });
    expect(rows.every((r) => r.amountFen === 1)).toBe(true);
  });

  it.each([
    [{ settlementFen: 59, installments: 60, firstDueDate: '2027-01-01' }, /cannot be split/],
    [{ settlementFen: 100000, installments: 0, firstDueDate: '2027-01-01' }, /1 to 60/],
    [{ settlementFen: 100000, installments: 61, firstDueDate: '2027-01-01' }, /1 to 60/],
    [{ settlementFen: 100000, installments: 2.5, firstDueDate: '2027-01-01' }, /1 to 60/],
    [{ settlementFen: 0, installments: 1, firstDueDate: '2027-01-01' }, /positive/],
    [{ settlementFen: 10.5, installments: 1, firstDueDate: '2027-01-01' }, /positive/],
    [{ settlementFen: -100, installments: 1, firstDueDate: '2027-01-01' }, /positive/],
    [{ settlementFen: 100000, installments: 3, firstDueDate: '2027-02-30' }, /calendar date/],
    [{ settlementFen: 100000, installments: 3, firstDueDate: '2027-13-01' }, /calendar date/],
    [{ settlementFen: 100000, installments: 3, firstDueDate: '27-1-1' }, /YYYY-MM-DD/],
  ])('rejects %o', (input, message) => {
    expect(() => buildSchedule(input)).toThrow(RangeError);
    expect(() => buildSchedule(input)).toThrow(message);
  });

  describe('properties', () => {
    it('adds up to the settlement amount exactly', () => {
      fc.assert(
        fc.property(scheduleInput, (input) => {
          const total = buildSchedule(input).reduce((sum, r) => sum + r.amountFen, 0);
          expect(total).toBe(input.settlementFen);
        }),
      );
    });

    it('has one row per installment, numbered from 1', () => {
      fc.assert(
        fc.property(scheduleInput, (input) => {
          const rows = buildSchedule(input);
          expect(rows.map((r) => r.seq)).toEqual(
            Array.from({ length: input.installments }, (_, i) => i + 1),
          );
        }),
      );
    });

    it('makes every installment but the last equal, and the last no smaller', () => {
      fc.assert(
        fc.property(scheduleInput, (input) => {
          const rows = buildSchedule(input);
          const last = rows[rows.length - 1].amountFen;
          const first = rows[0].amountFen;
          for (const r of rows.slice(0, -1)) expect(r.amountFen).toBe(first);
          expect(last).toBeGreaterThanOrEqual(first);
          expect(last - first).toBeLessThan(input.installments);
          expect(first).toBeGreaterThanOrEqual(1);
        }),
      );
    });

    it('falls due once a month, in strictly increasing order', () => {
      fc.assert(
        fc.property(scheduleInput, (input) => {
          const dates = buildSchedule(input).map((r) => r.dueDate);
          expect(dates[0]).toBe(input.firstDueDate);
          for (let i = 1; i < dates.length; i++) {
            expect(dates[i] > dates[i - 1]).toBe(true);
            const [py, pm] = dates[i - 1].split('-').map(Number);
            const [y, m] = dates[i].split('-').map(Number);
            expect(y * 12 + m - (py * 12 + pm)).toBe(1);
          }
        }),
      );
    });

    it("keeps the first due date's day, clamped to each month's last day", () => {
      fc.assert(
        fc.property(scheduleInput, (input) => {
          const firstDay = Number(input.firstDueDate.slice(8));
          for (const { dueDate } of buildSchedule(input)) {
            const [y, m, d] = dueDate.split('-').map(Number);
            expect(d).toBe(Math.min(firstDay, daysInMonth(y, m)));
          }
        }),
      );
    });
  });
});
