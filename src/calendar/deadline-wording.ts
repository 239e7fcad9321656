import { yearOf } from './calendar-date';
import type { DeadlineDerivation } from './deadline';

/** The languages of mail and of the case page (the same as a case's `locale`). */
export type WordingLocale = 'zh-CN' | 'en';

export interface WordingOptions {
  /** What happened on the start day: service of a notice (送达), or an event named elsewhere. */
  from?: 'service' | 'date';
}

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A day as people write it; the year only when it differs from the start day's. */
function zhDay(date: string, baseYear: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y !== baseYear ? `${y}年` : ''}${m}月${d}日`;
}

function enDay(date: string, baseYear: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d} ${EN_MONTHS[m - 1]}${y !== baseYear ? ` ${y}` : ''}`;
}

const count = (d: DeadlineDerivation, why: 'weekend' | 'holiday') =>
  d.skipped.filter((s) => s.why === why).length;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function enList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function zh(d: DeadlineDerivation, from: 'service' | 'date'): string {
  const base = yearOf(d.startDay);
  const day = (x: string) => zhDay(x, base);
  const start = `自 ${day(d.startDay)}${from === 'service' ? '送达' : ''}次日起算`;
  const end = `${day(d.lastDay)}24:00届满`;
  const parts: string[] = [];
  if (d.unit === 'working_days') {
    parts.push(`${d.length} 个工作日`, start);
    const holidays = count(d, 'holiday');
    const weekends = count(d, 'weekend');
    const skipped = [
      holidays ? `法定节假日 ${holidays} 天` : '',
      weekends ? `周末 ${weekends} 天` : '',
    ].filter(Boolean);
    if (skipped.length) parts.push(`不计${skipped.join('、')}`);
    if (d.countedMakeupWorkdays.length) {
      parts.push(`计入调休上班日${d.countedMakeupWorkdays.map(day).join('、')}`);
    }
    parts.push(end);
  } else {
    parts.push(`${d.length} 日`, start);
    if (d.rolledFrom) {
      const why = d.skipped[0]?.why === 'holiday' ? '法定节假日' : '休息日';
      parts.push(`末日${day(d.rolledFrom)}为${why}，顺延至其后第一个工作日，${end}`);
    } else {
      parts.push(end);
    }
  }
  let text = `${parts.join('，')}。`;
  if (d.provisional) {
    const years = d.provisionalYears.map((y) => `${y}年`).join('、');
    text += `（暂定：${years}官方节假日安排尚未公布，暂按周一至周五计算。）`;
  }
  return text;
}

function en(d: DeadlineDerivation, from: 'service' | 'date'): string {
  const base = yearOf(d.startDay);
  const day = (x: string) => enDay(x, base);
  const start = `from the day after ${from === 'service' ? 'service on ' : ''}${day(d.startDay)}`;
  const end = `at 24:00 on ${day(d.lastDay)}`;
  let text: string;
  if (d.unit === 'working_days') {
    const holidays = count(d, 'holiday');
    const weekends = count(d, 'weekend');
    const skipped = [
      holidays ? plural(holidays, 'public-holiday day', 'public-holiday days') : '',
      weekends ? plural(weekends, 'weekend day', 'weekend days') : '',
    ].filter(Boolean);
    const makeup = d.countedMakeupWorkdays.map(day);
    text = `${plural(d.length, 'working day', 'working days')} ${start}`;
    if (skipped.length) text += `, not counting ${enList(skipped)}`;
    if (makeup.length) {
      text += `, counting the make-up working ${makeup.length === 1 ? 'day' : 'days'} ${enList(makeup)}`;
    }
    text += `; ends ${end}.`;
  } else {
    text = `${plural(d.length, 'day', 'days')} ${start}`;
    if (d.rolledFrom) {
      const why = d.skipped[0]?.why === 'holiday' ? 'a public holiday' : 'a rest day';
      text += `; the last day, ${day(d.rolledFrom)}, is ${why}, so it ends on the next working day, ${end}.`;
    } else {
      text += `; ends ${end}.`;
    }
  }
  if (d.provisional) {
    const years = enList(d.provisionalYears.map(String));
    text += ` Provisional: there is no official holiday schedule for ${years} yet, so it was counted Monday to Friday.`;
  }
  return text;
}

/**
 * A derivation in words, for the case page and mail:
 * "7 个工作日，自 12月2日送达次日起算，不计周末 2 天，12月11日24:00届满。" /
 * "7 working days from the day after service on 2 December, not counting 2 weekend days; ends at
 * 24:00 on 11 December."
 */
export function describeDeadline(
  d: DeadlineDerivation,
  locale: WordingLocale,
  options: WordingOptions = {},
): string {
  const from = options.from ?? 'service';
  return locale === 'en' ? en(d, from) : zh(d, from);
}
