import { computeDeadline } from './deadline';
import { describeDeadline } from './deadline-wording';
import { OfficialCalendar } from './official-calendar';
import { packageCalendarYears } from './package-calendar';

const calendar = new OfficialCalendar([
  { source: 'package', years: packageCalendarYears().filter((y) => y.year === 2026) },
]);
const deadline = (start: string, unit: 'working_days' | 'calendar_days', length: number) =>
  computeDeadline(new Date(start), { unit, length }, calendar);

describe('a deadline in words', () => {
  it('says a working-day window as the case page shows it, in Chinese and English', () => {
    const d = deadline('2026-12-02T10:00:00+08:00', 'working_days', 7);
    expect(describeDeadline(d, 'zh-CN')).toBe(
      '7 个工作日，自 12月2日送达次日起算，不计周末 2 天，12月11日24:00届满。',
    );
    expect(describeDeadline(d, 'en')).toBe(
      '7 working days from the day after service on 2 December, not counting 2 weekend days; ends at 24:00 on 11 December.',
    );
  });

  it('names the holiday days passed over and the 调休 Saturday counted', () => {
    const d = deadline('2026-09-29T10:00:00+08:00', 'working_days', 7);
    expect(describeDeadline(d, 'zh-CN')).toBe(
      '7 个工作日，自 9月29日送达次日起算，不计法定节假日 7 天、周末 1 天，计入调休上班日10月10日，10月14日24:00届满。',
    );
    expect(describeDeadline(d, 'en')).toBe(
      '7 working days from the day after service on 29 September, not counting 7 public-holiday days and 1 weekend day, counting the make-up working day 10 October; ends at 24:00 on 14 October.',
    );
  });

  it('explains the roll-over of a calendar-day period ending on National Day', () => {
    const d = deadline('2026-09-24T10:00:00+08:00', 'calendar_days', 7);
    expect(describeDeadline(d, 'zh-CN')).toBe(
      '7 日，自 9月24日送达次日起算，末日10月1日为法定节假日，顺延至其后第一个工作日，10月8日24:00届满。',
    );
    expect(describeDeadline(d, 'en')).toBe(
      '7 days from the day after service on 24 September; the last day, 1 October, is a public holiday, so it ends on the next working day, at 24:00 on 8 October.',
    );
  });

  it('calls a weekend the last day rolled past a rest day, not a holiday', () => {
    const d = deadline('2026-11-29T10:00:00+08:00', 'calendar_days', 7);
    expect(describeDeadline(d, 'zh-CN')).toContain('末日12月6日为休息日');
    expect(describeDeadline(d, 'en')).toContain('the last day, 6 December, is a rest day');
  });

  it('writes the year of a day in another year than the start, and says when it is provisional', () => {
    const d = deadline('2026-12-02T10:00:00+08:00', 'calendar_days', 30);
    expect(describeDeadline(d, 'zh-CN')).toBe(
      '30 日，自 12月2日送达次日起算，2027年1月1日24:00届满。（暂定：2027年官方节假日安排尚未公布，暂按周一至周五计算。）',
    );
    expect(describeDeadline(d, 'en')).toBe(
      '30 days from the day after service on 2 December; ends at 24:00 on 1 January 2027. Provisional: there is no official holiday schedule for 2027 yet, so it was counted Monday to Friday.',
    );
  });

  it('speaks of one day in the singular, and of a start that was not a service when told so', () => {
    const d = deadline('2026-12-02T10:00:00+08:00', 'working_days', 1);
    expect(describeDeadline(d, 'en', { from: 'date' })).toBe(
      '1 working day from the day after 2 December; ends at 24:00 on 3 December.',
    );
    expect(describeDeadline(d, 'zh-CN', { from: 'date' })).toBe(
      '1 个工作日，自 12月2日次日起算，12月3日24:00届满。',
    );
  });
});
