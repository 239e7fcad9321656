import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, ValidateIf } from 'class-validator';
import { DeadlineWordsResponse, SkippedDayResponse } from '../cases/case-deadline.dto';
import { MultiLine } from '../common/input/text.decorators';
import { JUDICIAL_PARTIES, JUDICIAL_STATUSES } from './judicial-confirmation.entity';
import type { JudicialParty, JudicialStatus } from './judicial-confirmation.entity';

export const OUTCOMES = ['applied', 'confirmed', 'refused'] as const;
export type JudicialOutcome = (typeof OUTCOMES)[number];

export class RecordOutcomeDto {
  @ApiProperty({
    enum: OUTCOMES,
    description:
      '`applied`: the joint application was filed with the court (both parties joined); `confirmed` / `refused`: the court’s ruling on it',
  })
  @IsIn(OUTCOMES)
  outcome: JudicialOutcome;

  @ApiPropertyOptional({
    example: '法院以协议内容需进一步核实为由裁定驳回申请。',
    description: 'Required for `refused` (the court’s reasons); optional otherwise',
  })
  @ValidateIf((o: RecordOutcomeDto) => o.outcome === 'refused' || o.note !== undefined)
  @IsString()
  @Length(1, 2000)
  @MultiLine()
  note?: string;
}

export class JudicialDeadlineResponse {
  @ApiProperty({ example: '2030-05-07T00:00:00+08:00', description: '24:00 Beijing of `lastDay`' })
  at: string;
  @ApiProperty({ enum: ['calendar_days'] }) unit: 'calendar_days' | 'working_days';
  @ApiProperty({ example: 30 }) length: number;
  @ApiProperty({ description: 'When the agreement took effect (sealed), +08:00' })
  startedAt: string;
  @ApiProperty({ example: '2030-04-04', description: 'Not counted (民事诉讼法 art. 85)' })
  startDay: string;
  @ApiProperty({ example: '2030-04-05' }) firstCountedDay: string;
  @ApiProperty({ example: '2030-05-06' }) lastDay: string;
  @ApiProperty({ type: [SkippedDayResponse] }) skipped: SkippedDayResponse[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The non-working last day rolled past',
  })
  rolledFrom: string | null;
  @ApiProperty({ description: 'Counted on a year without official calendar data' })
  provisional: boolean;
  @ApiProperty({ type: DeadlineWordsResponse }) description: DeadlineWordsResponse;
  @ApiProperty({
    type: [String],
    example: ['2030-04-29T09:00:00+08:00', '2030-05-04T09:00:00+08:00'],
    description: 'When both parties are reminded: 7 and 2 days before the last day, 09:00',
  })
  reminders: string[];
}

export class JudicialJoinResponse {
  @ApiProperty({ enum: JUDICIAL_PARTIES }) party: JudicialParty;
  @ApiProperty({ nullable: true, type: String, description: 'Null: not joined yet' })
  joinedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The user or API key that joined' })
  joinedBy: string | null;
}

export class JudicialConfirmationResponse {
  @ApiProperty() caseId: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty({ enum: JUDICIAL_STATUSES }) status: JudicialStatus;
  @ApiProperty({ example: '上海市浦东新区人民法院' }) court: string;
  @ApiProperty({ example: 2 }) agreementVersion: number;
  @ApiProperty({ example: 'K7QP-3M9X-TD2W' }) verificationCode: string;
  @ApiProperty({ enum: JUDICIAL_PARTIES }) requestedBy: JudicialParty;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ type: [JudicialJoinResponse] }) parties: JudicialJoinResponse[];
  @ApiProperty({ type: JudicialDeadlineResponse }) deadline: JudicialDeadlineResponse;
  @ApiProperty({ nullable: true, type: String }) outcomeAt: string | null;
  @ApiProperty({ nullable: true, type: String }) outcomeNote: string | null;
  @ApiProperty({ description: 'Whether this answer created the request (201) or found it (200)' })
  created: boolean;
}
