import { Module } from '@nestjs/common';
import { PublicChecksModule } from '../common/verification-throttle';
import { AgreementsModule } from '../agreements/agreements.module';
import { VerificationModule } from '../verification/verification.module';
import { AuthModule } from '../auth/auth.module';
import { CalendarModule } from '../calendar/calendar.module';
import { LenderModule } from '../lender/lender.module';
import { CasesModule } from '../cases/cases.module';
import { EvidenceModule } from '../evidence/evidence.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PlansModule } from '../plans/plans.module';
import { SessionsModule } from '../sessions/sessions.module';
import { StatsModule } from '../stats/stats.module';
import { UsersModule } from '../users/users.module';
import { ComplaintsModule } from '../complaints/complaints.module';
import { ComplaintsPageController } from './complaints/complaints-page.controller';
import { RightsModule } from '../rights/rights.module';
import { MyDataPageController } from './rights/my-data-page.controller';
import { ERROR_PAGES } from '../common/errors/error-pages';
import { ApplyDraftRepository } from './apply/apply-draft.repository';
import { ApplyDraftService } from './apply/apply-draft.service';
import { ApplyEvidencePageController } from './apply/apply-evidence-page.controller';
import { ApplyPageController } from './apply/apply-page.controller';
import { AuthPagesController } from './auth-pages.controller';
import { AgreementPageController } from './case/agreement-page.controller';
import { CaseFilesController } from './case/case-files.controller';
import { CasePageController } from './case/case-page.controller';
import { CasePageData } from './case/case-page.data';
import { CasePlanData } from './case/case-plan.data';
import { PlanPageController } from './case/plan-page.controller';
import { CaseJudicialData } from './case/case-judicial.data';
import { JudicialPageController } from './case/judicial-page.controller';
import { JudicialModule } from '../judicial/judicial.module';
import { JudicialOutcomePageController } from './staff/judicial-outcome-page.controller';
import { CasesPageController } from './cases-page.controller';
import { HomePageController } from './home-page.controller';
import { NotificationsPageController } from './notifications-page.controller';
import { PageErrors } from './page-errors';
import { PageRenderer } from './page-renderer';
import { PageSessionRepository } from './page-session.repository';
import { PageSessionService } from './page-session.service';
import { PageSessionStrategy } from './page-session.strategy';
import { PageSignIn } from './page-sign-in';
import { AdminAccountsPageController } from './staff/admin-accounts-page.controller';
import { AdminCalendarPageController } from './staff/admin-calendar-page.controller';
import { AdminMailPageController } from './staff/admin-mail-page.controller';
import { AdminPageController } from './staff/admin-page.controller';
import { AdminWebhooksPageController } from './staff/admin-webhooks-page.controller';
import { CalendarPageController } from './staff/calendar-page.controller';
import { StatsPageController } from './staff/stats-page.controller';
import { MediatorPageController } from './staff/mediator-page.controller';
import { PrintPageController } from './staff/print-page.controller';
import { StaffCaseData } from './staff/staff-case-data';
import { StaffCaseFilters } from './staff/staff-case-filters';
import { VerifyPageController } from './verify-page.controller';

/**
 * The web pages: a second door into the same use cases as the API. Page controllers
 * call the services the API controllers call; this module adds only sessions, forms,
 * rendering and error pages (and the borrower's application draft). `ERROR_PAGES` is
 * exported for the global error filter.
 */
@Module({
  imports: [
    AuthModule,
    AgreementsModule,
    CalendarModule,
    LenderModule,
    VerificationModule,
    PublicChecksModule,
    CasesModule,
    EvidenceModule,
    NotificationsModule,
    OrganizationsModule,
    PlansModule,
    JudicialModule,
    SessionsModule,
    StatsModule,
    UsersModule,
    ComplaintsModule,
    RightsModule,
  ],
  controllers: [
    HomePageController,
    AuthPagesController,
    VerifyPageController,
    CasesPageController,
    ApplyPageController,
    ApplyEvidencePageController,
    CasePageController,
    AgreementPageController,
    CaseFilesController,
    PlanPageController,
    JudicialPageController,
    JudicialOutcomePageController,
    NotificationsPageController,
    PrintPageController,
    CalendarPageController,
    MediatorPageController,
    AdminPageController,
    AdminAccountsPageController,
    AdminMailPageController,
    AdminWebhooksPageController,
    AdminCalendarPageController,
    StatsPageController,
    ComplaintsPageController,
    MyDataPageController,
  ],
  providers: [
    PageSessionRepository,
    PageSessionService,
    PageSessionStrategy,
    PageSignIn,
    PageRenderer,
    PageErrors,
    ApplyDraftRepository,
    ApplyDraftService,
    CasePageData,
    CasePlanData,
    CaseJudicialData,
    StaffCaseData,
    StaffCaseFilters,
    { provide: ERROR_PAGES, useExisting: PageErrors },
  ],
  exports: [ERROR_PAGES, PageSessionService],
})
export class WebModule {}
