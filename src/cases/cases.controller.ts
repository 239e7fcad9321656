import { Body, Controller, Get, Headers, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal, UserPrincipal } from '../access/principal';
import { AnyRole, CurrentPrincipal, CurrentUser, Public, Roles } from '../access/roles.decorator';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { ApiErrors, responseHeaders } from '../common/openapi/api-docs';
import { CaseIdPipe } from './case-id.pipe';
import { LOCALES } from './case.entity';
import type { Locale } from './case.entity';
import { CaseListQuery, FileCaseDto } from './cases.dto';
import {
  CaseEventResponse,
  CaseListResponse,
  CaseResponse,
  PrivacyNoticeResponse,
} from './case-response.dto';
import { CasesService } from './cases.service';
import { privacyNotice } from './privacy-notice';

@ApiTags('cases')
@Controller()
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('privacy-notice')
  @ApiOperation({ summary: 'The privacy notice a borrower consents to when filing' })
  @ApiQuery({ name: 'locale', required: false, enum: LOCALES, description: 'zh-CN by default' })
  @ApiResponse({ status: 200, type: PrivacyNoticeResponse, description: 'The current notice' })
  privacyNotice(@Query('locale') locale?: string): PrivacyNoticeResponse {
    const l = LOCALES.includes(locale as Locale) ? (locale as Locale) : 'zh-CN';
    return privacyNotice(l, this.config.privacyController);
  }

  @Roles('borrower')
  @Post('cases')
  @ApiOperation({ summary: 'File an application for mediation (borrower)' })
  @ApiResponse({ status: 201, type: CaseResponse, description: 'The case, `submitted`' })
  @ApiErrors(
    {
      VALIDATION_FAILED:
        'a field is wrong, a consent is missing or false, or the lender or centre does not exist',
      CONFLICT: 'no mediation centre has been set up yet',
    },
    'IDEMPOTENCY_KEY_REUSED',
  )
  file(
    @CurrentUser() p: UserPrincipal,
    @Body() dto: FileCaseDto,
    @Headers('idempotency-key') key?: string,
  ): Promise<CaseResponse> {
    return this.cases.file(p, dto, key);
  }

  @AnyRole()
  @Get('cases')
  @ApiOperation({ summary: 'The cases the caller may see, newest first' })
  @ApiResponse({ status: 200, type: CaseListResponse, description: 'A page of cases' })
  list(@CurrentPrincipal() p: Principal, @Query() q: CaseListQuery): Promise<CaseListResponse> {
    return this.cases.list(p, q);
  }

  @AnyRole()
  @Get('cases/:id')
  @ApiOperation({ summary: 'One case, with the actions the caller may take now' })
  @ApiResponse({
    status: 200,
    type: CaseResponse,
    description: 'The case; `ETag` is its version',
    headers: responseHeaders('ETag'),
  })
  @ApiErrors('CASE_NOT_FOUND')
  async get(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseResponse> {
    const c = await this.cases.get(p, id);
    void reply.header('ETag', `"${c.version}"`);
    return c;
  }

  @AnyRole()
  @Get('cases/:id/events')
  @ApiOperation({ summary: 'The timeline: one event per transition, oldest first' })
  @ApiResponse({ status: 200, type: [CaseEventResponse], description: 'Every event of the case' })
  @ApiErrors('CASE_NOT_FOUND')
  events(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
  ): Promise<CaseEventResponse[]> {
    return this.cases.events(p, id);
  }
}
