import { checkPlace, checkSlot, reminderTime, toZonedIso } from './session-rules';

const now = new Date('2026-12-01T02:00:00Z'); // 10:00 in Beijing
const due = new Date('2026-12-31T10:00:00Z');
const fields = (r: { errors: { field: string }[] }) => r.errors.map((e) => e.field);

describe('checkSlot', () => {
  it('takes a future session of an hour inside the term, whatever offset it was written in', () => {
    const r = checkSlot(
      { startsAt: '2026-12-03T10:00:00+08:00', endsAt: '2026-12-03T03:00:00Z' },
      now,
      due,
    );
    expect(r.slot).toEqual({
      startsAt: new Date('2026-12-03T02:00:00Z'),
      endsAt: new Date('2026-12-03T03:00:00Z'),
    });
  });

  it.each([
    ['a start that is now', '2026-12-01T10:00:00+08:00', '2026-12-01T11:00:00+08:00', ['startsAt']],
    ['14 minutes', '2026-12-03T10:00:00+08:00', '2026-12-03T10:14:00+08:00', ['endsAt']],
    [
      'an end before the start',
      '2026-12-03T10:00:00+08:00',
      '2026-12-03T09:00:00+08:00',
      ['endsAt'],
    ],
    ['8 hours and a minute', '2026-12-03T09:00:00+08:00', '2026-12-03T17:01:00+08:00', ['endsAt']],
    ['an end after the term', '2026-12-31T17:30:00+08:00', '2026-12-31T18:30:00+08:00', ['endsAt']],
    [
      'a date that does not exist',
      '2026-02-30T10:00:00+08:00',
      '2026-02-30T11:00:00+08:00',
      ['startsAt', 'endsAt'],
    ],
  ])('refuses %s, naming the field', (_, startsAt, endsAt, expected) => {
    expect(fields(checkSlot({ startsAt, endsAt }, now, due))).toEqual(expected);
  });

  it('takes exactly 15 minutes, exactly 8 hours, and an end exactly at the term', () => {
    for (const [startsAt, endsAt] of [
      ['2026-12-03T10:00:00+08:00', '2026-12-03T10:15:00+08:00'],
      ['2026-12-03T09:00:00+08:00', '2026-12-03T17:00:00+08:00'],
      ['2026-12-31T17:00:00+08:00', '2026-12-31T18:00:00+08:00'],
    ]) {
      expect(checkSlot({ startsAt, endsAt }, now, due).errors).toEqual([]);
    }
  });

  it('names the end of the term in Beijing time', () => {
    const r = checkSlot(
      { startsAt: '2027-01-05T10:00:00+08:00', endsAt: '2027-01-05T11:00:00+08:00' },
      now,
      due,
    );
    expect(r.errors[0].message).toContain('2026-12-31T18:00:00+08:00');
  });
});

describe('checkPlace', () => {
  it('keeps the link of an online session and the address of an offline one', () => {
    expect(checkPlace({ mode: 'online', meetingUrl: 'https://m.example.cn/1' }).place).toEqual({
      mode: 'online',
      location: null,
      meetingUrl: 'https://m.example.cn/1',
    });
    expect(checkPlace({ mode: 'offline', location: '3 号调解室' }).place).toEqual({
      mode: 'offline',
      location: '3 号调解室',
      meetingUrl: null,
    });
  });

  it.each([
    ['online', {}, ['meetingUrl']],
    ['offline', {}, ['location']],
    ['online', { meetingUrl: 'https://m.example.cn/1', location: 'x' }, ['location']],
    ['offline', { meetingUrl: 'https://m.example.cn/1', location: 'x' }, ['meetingUrl']],
  ] as const)('refuses an %s session given %j', (mode, extra, expected) => {
    expect(fields(checkPlace({ mode, ...extra }))).toEqual(expected);
  });
});

describe('reminderTime', () => {
  const startsAt = new Date('2026-12-03T02:00:00Z');
  it('is the set time before the start', () => {
    expect(reminderTime(startsAt, 24 * 3_600_000, now)).toEqual(new Date('2026-12-02T02:00:00Z'));
  });
  it('is none when that moment has already passed', () => {
    expect(reminderTime(startsAt, 72 * 3_600_000, now)).toBeNull();
  });
});

describe('toZonedIso', () => {
  it('shows an instant with Beijing’s offset', () => {
    expect(toZonedIso(new Date('2026-12-03T02:00:00.000Z'))).toBe('2026-12-03T10:00:00+08:00');
  });
});
