import type { Period } from '../common/period';
import type { WordingLocale } from './deadline-wording';

/** A period's length in words: "7 个工作日", "30 日" / "7 working days", "30 days". */
export function describePeriod(p: Period, locale: WordingLocale): string {
  if (locale === 'en') {
    const unit = p.unit === 'working_days' ? 'working day' : 'day';
    return `${p.length} ${unit}${p.length === 1 ? '' : 's'}`;
  }
  return p.unit === 'working_days' ? `${p.length} 个工作日` : `${p.length} 日`;
}
