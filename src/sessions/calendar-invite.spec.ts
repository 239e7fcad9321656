import { sync as icalSync } from 'node-ical';
import type { Attendee, VCalendar, VEvent } from 'node-ical';
import { buildInvite } from './calendar-invite';
import type { InviteInput } from './calendar-invite';

function invite(overrides: Partial<InviteInput> = {}): InviteInput {
  return {
    uid: 'session-7f3c2a10@mediation.example.cn',
    sequence: 0,
    method: 'REQUEST',
    // 10:00–11:00 in Beijing
    startsAt: new Date('2026-12-03T02:00:00Z'),
    endsAt: new Date('2026-12-03T03:00:00Z'),
    summary: '调解会议 · 案号 TJ-2026-000123',
    description: '案件 TJ-2026-000123 的调解会议。\n请提前 10 分钟进入会议室。',
    location: '北京市朝阳区某某路 1 号, 调解中心 3 号室; 前台登记',
    organizer: { name: '朝阳调解中心', email: 'no-reply@mediation.example.cn' },
    attendees: [
      { name: '张三', email: 'zhangsan@example.com' },
      { name: 'Lender Rep, "Ops"', email: 'ops@lender.example.com' },
    ],
    stamp: new Date('2026-11-26T08:00:00Z'),
    ...overrides,
  };
}

function parse(ics: string): { calendar: VCalendar; event: VEvent } {
  const parsed = icalSync.parseICS(ics);
  const events = Object.values(parsed).filter((c): c is VEvent => c?.type === 'VEVENT');
  expect(events).toHaveLength(1);
  return { calendar: parsed.vcalendar!, event: events[0] };
}

function attendeesOf(event: VEvent): Exclude<Attendee, string>[] {
  const list = Array.isArray(event.attendee) ? event.attendee : [event.attendee];
  return list.map((a) => {
    if (a === undefined || typeof a === 'string') throw new Error('attendee without parameters');
    return a;
  });
}

// node-ical returns a bare string, or { val, params } when the property had parameters
// (URL;VALUE=URI:…, whatever its typings say).
const text = (v: unknown) => (typeof v === 'object' && v !== null && 'val' in v ? v.val : v);

describe('buildInvite', () => {
  it('writes a REQUEST that calendars read with the right time, place and people', () => {
    const input = invite();
    const ics = buildInvite(input);
    const { calendar, event } = parse(ics);

    expect(calendar.method).toBe('REQUEST');
    expect(event.uid).toBe(input.uid);
    expect(event.sequence).toBe(0);
    expect(event.status).toBe('CONFIRMED');
    expect(event.start.toISOString()).toBe('2026-12-03T02:00:00.000Z');
    expect(event.end?.toISOString()).toBe('2026-12-03T03:00:00.000Z');
    expect(event.dtstamp.toISOString()).toBe('2026-11-26T08:00:00.000Z');
    expect(text(event.location)).toBe(input.location);
    expect(text(event.summary)).toBe(input.summary);
    expect(text(event.description)).toBe(input.description);
    expect(event.organizer).toEqual({
      params: { CN: '朝阳调解中心' },
      val: 'mailto:no-reply@mediation.example.cn',
    });
    expect(attendeesOf(event).map((a) => [a.val.toLowerCase(), a.params.RSVP])).toEqual([
      ['mailto:zhangsan@example.com', true],
      ['mailto:ops@lender.example.com', true],
    ]);
  });

  it('writes start and end in UTC, the form every common calendar accepts', () => {
    const ics = buildInvite(invite());
    expect(ics).toContain('DTSTART:20261203T020000Z');
    expect(ics).toContain('DTEND:20261203T030000Z');
    expect(ics).not.toContain('TZID=');
    expect(ics).toMatch(/\r\n/);
  });

  it('cancels the same event: same UID, higher SEQUENCE, STATUS:CANCELLED', () => {
    const request = parse(buildInvite(invite({ sequence: 1 })));
    const cancel = parse(buildInvite(invite({ sequence: 2, method: 'CANCEL' })));

    expect(cancel.calendar.method).toBe('CANCEL');
    expect(cancel.event.uid).toBe(request.event.uid);
    expect(cancel.event.sequence).toBeGreaterThan(request.event.sequence!);
    expect(cancel.event.status).toBe('CANCELLED');
    expect(attendeesOf(cancel.event)).toHaveLength(2);
    expect(attendeesOf(cancel.event).every((a) => a.params.RSVP === false)).toBe(true);
  });

  it('puts a meeting URL in LOCATION and URL for an online session', () => {
    const meetingUrl = 'https://meet.example.cn/r/abc?pwd=1';
    const { event } = parse(buildInvite(invite({ location: meetingUrl })));
    expect(text(event.location)).toBe(meetingUrl);
    expect(text(event.url)).toBe(meetingUrl);
  });

  it('keeps a name with a quote or line break from breaking the ATTENDEE line', () => {
    const attendees = [{ name: 'Evil"\r\nATTENDEE:mailto:x@evil.example', email: 'a@example.com' }];
    const ics = buildInvite(invite({ attendees }));
    expect(ics.split('\r\n').filter((l) => l.startsWith('ATTENDEE'))).toHaveLength(1);
    const [only] = attendeesOf(parse(ics).event);
    expect(only.params.CN).toBe('Evil ATTENDEE:mailto:x@evil.example');
  });

  it('refuses an invite a calendar could not use', () => {
    const at = new Date('2026-12-03T02:00:00Z');
    expect(() => buildInvite(invite({ endsAt: at, startsAt: at }))).toThrow('after startsAt');
    expect(() => buildInvite(invite({ startsAt: new Date('nope') }))).toThrow('valid dates');
    expect(() => buildInvite(invite({ sequence: -1 }))).toThrow('sequence');
    expect(() => buildInvite(invite({ uid: ' ' }))).toThrow('uid');
    expect(() => buildInvite(invite({ attendees: [] }))).toThrow('no attendees');
    expect(() => buildInvite(invite({ attendees: [{ name: 'x', email: 'x' }] }))).toThrow('email');
  });
});
