import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CodeVerificationService } from './code-verification.service';
import { CodeVerificationController } from './verification.controller';
import { VerificationThrottle } from './verification-throttle';

/** The public check of a printed code, a notice's or an agreement's, limited per address. */
@Module({
  imports: [AgreementsModule, NotificationsModule],
  controllers: [CodeVerificationController],
  providers: [CodeVerificationService, VerificationThrottle],
  exports: [CodeVerificationService],
})
export class VerificationModule {}
