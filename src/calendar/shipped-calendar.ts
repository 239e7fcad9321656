import type { CalendarLayer } from './official-calendar';
import { packageCalendarYears } from './package-calendar';
import { repositoryCalendarYears } from './repository-calendar';

/**
 * The calendar as shipped, without admin entries: this repository's JSON over the package's
 * data. The service puts the admin's years in front of these.
 */
export function shippedCalendarLayers(): CalendarLayer[] {
  return [
    { source: 'repository', years: repositoryCalendarYears() },
    { source: 'package', years: packageCalendarYears() },
  ];
}
