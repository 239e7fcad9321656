import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { AuthModule } from '../auth/auth.module';
import { CasesModule } from '../cases/cases.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ERROR_PAGES } from '../common/errors/error-pages';
import { AuthPagesController } from './auth-pages.controller';
import { CasesPageController } from './cases-page.controller';
import { HomePageController } from './home-page.controller';
import { NotificationsPageController } from './notifications-page.controller';
import { PageErrors } from './page-errors';
import { PageRenderer } from './page-renderer';
import { PageSessionRepository } from './page-session.repository';
import { PageSessionService } from './page-session.service';
import { PageSessionStrategy } from './page-session.strategy';
import { PageSignIn } from './page-sign-in';
import { VerifyPageController } from './verify-page.controller';

/**
 * The web pages: a second door into the same use cases as the API. Page controllers
 * call the services the API controllers call; this module adds only sessions, forms,
 * rendering and error pages. `ERROR_PAGES` is exported for the global error filter.
 */
@Module({
  imports: [AuthModule, AgreementsModule, CasesModule, NotificationsModule],
  controllers: [
    HomePageController,
    AuthPagesController,
    VerifyPageController,
    CasesPageController,
    NotificationsPageController,
  ],
  providers: [
    PageSessionRepository,
    PageSessionService,
    PageSessionStrategy,
    PageSignIn,
    PageRenderer,
    PageErrors,
    { provide: ERROR_PAGES, useExisting: PageErrors },
  ],
  exports: [ERROR_PAGES, PageSessionService],
})
export class WebModule {}
