import { formatPeriod, parsePeriod, Period } from './period';

describe('periods in configuration', () => {
  it.each<[string, Period]>([
    ['7wd', { unit: 'working_days', length: 7 }],
    ['15WD', { unit: 'working_days', length: 15 }],
    ['P7D', { unit: 'calendar_days', length: 7 }],
    ['p30d', { unit: 'calendar_days', length: 30 }],
    [' P30D ', { unit: 'calendar_days', length: 30 }],
  ])('reads %p', (raw, period) => {
    expect(parsePeriod(raw)).toEqual(period);
    expect(parsePeriod(formatPeriod(period))).toEqual(period);
  });

  it.each([
    '7',
    '7 days',
    'P1W',
    'P1M',
    'PT24H',
    'P0D',
    '0wd',
    'P-1D',
    'P367D',
    '1000wd',
    'wd',
    '',
  ])('refuses %p', (raw) => {
    expect(parsePeriod(raw)).toBeNull();
  });
});
