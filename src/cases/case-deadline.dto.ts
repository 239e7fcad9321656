import { ApiProperty } from '@nestjs/swagger';
import { PERIOD_UNITS } from '../common/period';
import type { PeriodUnit } from '../common/period';
import { SERVICE_CHANNELS } from '../workflow/service-notices';
import type { ServedParty, ServiceChannel } from '../workflow/service-notices';

export class DeadlineWordsResponse {
  @ApiProperty({
    example: '7 个工作日，自 12月2日送达次日起算，不计周末 2 天，12月11日24:00届满。',
  })
  'zh-CN': string;
  @ApiProperty({
    example:
      '7 working days from the day after service on 2 December, not counting 2 weekend days; ends at 24:00 on 11 December.',
  })
  en: string;
}

export class SkippedDayResponse {
  @ApiProperty({ example: '2026-12-05' }) date: string;
  @ApiProperty({ enum: ['weekend', 'holiday'] }) why: 'weekend' | 'holiday';
}

export class DeadlineNoticeResponse {
  @ApiProperty({ enum: ['lender', 'borrower'], description: 'Who must be served for it to start' })
  party: ServedParty;
  @ApiProperty({ description: 'When the notice went out' }) issuedAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'Null: notice not yet delivered' })
  deliveredAt: string | null;
  @ApiProperty({ nullable: true, enum: SERVICE_CHANNELS })
  deliveredBy: ServiceChannel | null;
}

export class DeadlineExtensionResponse {
  @ApiProperty() proposalId: string;
  @ApiProperty({ description: 'Calendar days added' }) days: number;
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'When the second party agreed' }) agreedAt: string;
  @ApiProperty({ description: 'The end before this extension' }) previousAt: string;
}

/**
 * A deadline of the case with how it was reached (docs/deadlines.md). Until its notice is
 * delivered it has not started: `status` says `notice_not_delivered` and the fields of the
 * derivation are null (`provisional` false, the lists empty). `not_started`: the notice
 * arrived after the case had moved on (the lender answered first), so it never ran.
 */
export class CaseDeadlineResponse {
  @ApiProperty({ enum: ['notice_not_delivered', 'started', 'not_started'] })
  status: 'notice_not_delivered' | 'started' | 'not_started';
  @ApiProperty({ enum: PERIOD_UNITS, description: 'Of the derivation below' }) unit: PeriodUnit;
  @ApiProperty({ example: 7 }) length: number;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '2026-12-12T00:00:00+08:00',
    description: '24:00 Beijing time of `lastDay`',
  })
  at: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The delivery, or the old last day' })
  startedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Not counted (art. 85)' })
  startDay: string | null;
  @ApiProperty({ nullable: true, type: String }) firstCountedDay: string | null;
  @ApiProperty({ nullable: true, type: String }) lastDay: string | null;
  @ApiProperty({ type: [SkippedDayResponse] }) skipped: SkippedDayResponse[];
  @ApiProperty({ type: [String], description: '调休 Saturdays and Sundays that counted' })
  countedMakeupWorkdays: string[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'A last day on a holiday, rolled over',
  })
  rolledFrom: string | null;
  @ApiProperty({ description: 'Counted on a year without official holiday data' })
  provisional: boolean;
  @ApiProperty({ type: [Number] }) provisionalYears: number[];
  @ApiProperty({ enum: ['service', 'extension'], nullable: true, type: String })
  basis: 'service' | 'extension' | null;
  @ApiProperty({ type: DeadlineNoticeResponse, nullable: true })
  notice: DeadlineNoticeResponse | null;
  @ApiProperty({ type: [DeadlineExtensionResponse] }) extensions: DeadlineExtensionResponse[];
  @ApiProperty({ type: DeadlineWordsResponse }) description: DeadlineWordsResponse;
}

export class ExtensionProposalResponse {
  @ApiProperty({ description: 'Send as `proposalId` with agree_extension' }) id: string;
  @ApiProperty() days: number;
  @ApiProperty() reason: string;
  @ApiProperty() proposedAt: string;
  @ApiProperty({ description: 'The term’s present end: not agreed by both by then, it lapses' })
  expiresAt: string;
  @ApiProperty({ type: [String], enum: ['borrower', 'lender'] }) agreedBy: ServedParty[];
  @ApiProperty({ description: 'The term’s end if both agree' }) wouldEndAt: string;
  @ApiProperty({ type: DeadlineWordsResponse }) description: DeadlineWordsResponse;
}
