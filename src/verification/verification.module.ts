import { Module } from '@nestjs/common';
import { PublicChecksModule } from '../common/verification-throttle';
import { AgreementsModule } from '../agreements/agreements.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CodeVerificationService } from './code-verification.service';
import { CodeVerificationController } from './verification.controller';

/** The public check of a printed code, a notice's or an agreement's, limited per address. */
@Module({
  imports: [AgreementsModule, NotificationsModule, PublicChecksModule],
  controllers: [CodeVerificationController],
  providers: [CodeVerificationService],
  exports: [CodeVerificationService],
})
export class VerificationModule {}
