import type { MigrationInterface } from 'typeorm';
import { Initial1795696676033 } from './1795696676033-initial';
import { CaseNumbersAndAppendOnlyTimeline1795696676100 } from './1795696676100-case-numbers-and-append-only-timeline';

// Every migration, in order. `npm run migration:generate` adds new files here.
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Initial1795696676033,
  CaseNumbersAndAppendOnlyTimeline1795696676100,
];
