import { checkCalendarYear } from './calendar-year.rules';

const fields = (year: number, holidays: string[], makeupWorkdays: string[] = []) =>
  checkCalendarYear(year, { holidays, makeupWorkdays }).map((e) => e.field);

describe("an admin's calendar year", () => {
  it('accepts a plausible year', () => {
    expect(fields(2027, ['2027-01-01', '2027-02-06', '2027-02-07'], ['2027-02-20'])).toEqual([]);
  });

  it.each([
    ['a date outside the year', ['2026-12-31'], [], 'holidays.0'],
    ['a date that does not exist', ['2027-02-30'], [], 'holidays.0'],
    ['a date in another spelling', ['2027/01/01'], [], 'holidays.0'],
    ['a holiday listed twice', ['2027-01-01', '2027-01-01'], [], 'holidays.1'],
    ['a working day that is a weekday', ['2027-01-01'], ['2027-01-04'], 'makeupWorkdays.0'],
    ['a day both off and worked', ['2027-01-02'], ['2027-01-02'], 'makeupWorkdays.0'],
    [
      'a working day listed twice',
      ['2027-01-01'],
      ['2027-01-09', '2027-01-09'],
      'makeupWorkdays.1',
    ],
    ['no holiday at all', [], [], 'holidays'],
  ])('refuses %s, naming the field', (_, holidays, makeup, field) => {
    expect(fields(2027, holidays, makeup)).toEqual([field]);
  });

  it('refuses a year out of range', () => {
    expect(fields(1999, ['1999-01-01'])).toEqual(['year']);
  });

  it('refuses more days than any notice has', () => {
    const days = Array.from({ length: 61 }, (_, i) =>
      new Date(Date.UTC(2027, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    );
    expect(fields(2027, days)).toEqual(['holidays']);
  });
});
