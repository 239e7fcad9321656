import type { MigrationInterface } from 'typeorm';
import { Agreements1795697200000 } from './1795697200000-agreements';
import { Initial1795696676033 } from './1795696676033-initial';
import { Notifications1795697000000 } from './1795697000000-notifications';
import { Sessions1795697100000 } from './1795697100000-sessions';
import { Webhooks1795697300000 } from './1795697300000-webhooks';
import { CaseSignedParties1795697400000 } from './1795697400000-case-signed-parties';
import { PageSessions1795697500000 } from './1795697500000-page-sessions';
import { CaseNumbersAndAppendOnlyTimeline1795696676100 } from './1795696676100-case-numbers-and-append-only-timeline';
import { CalendarYears1796150000000 } from './1796150000000-calendar-years';
import { ApplyDrafts1796200000000 } from './1796200000000-apply-drafts';
import { CaseDeadlines1796210000000 } from './1796210000000-case-deadlines';
import { PaymentPlans1796300300000 } from './1796300300000-payment-plans';
import { PlanReminders1796410000000 } from './1796410000000-plan-reminders';
import { NoticeCodes1796400000000 } from './1796400000000-notice-codes';
import { AgreementInForce1796250000000 } from './1796250000000-agreement-in-force';
import { AccountTokenVersion1796300000000 } from './1796300000000-account-token-version';
import { PersonalDataReads1796300100000 } from './1796300100000-personal-data-reads';
import { BorrowerRights1796300200000 } from './1796300200000-borrower-rights';
import { JudicialConfirmations1796430000000 } from './1796430000000-judicial-confirmations';
import { PaymentReports1796420000000 } from './1796420000000-payment-reports';
import { InstallmentWaivers1796520000000 } from './1796520000000-installment-waivers';
import { CaseMilestones1796540000000 } from './1796540000000-case-milestones';
import { StatsSnapshots1796500000000 } from './1796500000000-stats-snapshots';

// Every migration, in order. `npm run migration:generate` adds new files here.
export const MIGRATIONS: (new () => MigrationInterface)[] = [
  Initial1795696676033,
  CaseNumbersAndAppendOnlyTimeline1795696676100,
  Notifications1795697000000,
  Sessions1795697100000,
  Agreements1795697200000,
  Webhooks1795697300000,
  CaseSignedParties1795697400000,
  PageSessions1795697500000,
  CalendarYears1796150000000,
  ApplyDrafts1796200000000,
  CaseDeadlines1796210000000,
  AgreementInForce1796250000000,
  AccountTokenVersion1796300000000,
  PersonalDataReads1796300100000,
  BorrowerRights1796300200000,
  PaymentPlans1796300300000,
  NoticeCodes1796400000000,
  PlanReminders1796410000000,
  PaymentReports1796420000000,
  JudicialConfirmations1796430000000,
  StatsSnapshots1796500000000,
  InstallmentWaivers1796520000000,
  CaseMilestones1796540000000,
];
