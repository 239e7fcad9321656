import { Injectable } from '@nestjs/common';
import type { VerificationResponse } from '../agreements/agreements.dto';
import { AgreementsService } from '../agreements/agreements.service';
import type { NoticeVerificationResponse } from '../notifications/notice-verification.dto';
import { NoticeVerificationService } from '../notifications/notice-verification.service';
import { VerificationThrottle } from '../common/verification-throttle';

export type CodeVerification = VerificationResponse | NoticeVerificationResponse;

/**
 * One code, whatever it is printed on: an agreement's (`XXXX-XXXX-XXXX`) or a notice's
 * (`XXXXX-XXXXX`); the shape tells which table to ask. Counted against the caller's address
 * first, found or not, so that trying made-up codes costs the same as checking real ones.
 */
@Injectable()
export class CodeVerificationService {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly notices: NoticeVerificationService,
    private readonly throttle: VerificationThrottle,
  ) {}

  async verify(code: string, ip: string): Promise<CodeVerification> {
    await this.throttle.beforeCheck(ip);
    return this.notices.isNoticeCode(code)
      ? this.notices.verify(code)
      : this.agreements.verifyCode(code);
  }
}
