import { Body, Controller, Get, Headers, Inject, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiOperation,
  ApiResponse,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal, UserPrincipal } from '../access/principal';
import { AnyRole, CurrentPrincipal, CurrentUser, Public, Roles } from '../access/roles.decorator';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { CaseIdPipe } from './case-id.pipe';
import { LOCALES } from './case.entity';
import type { Locale } from './case.entity';
import {
  CaseEventResponse,
  CaseListQuery,
  CaseListResponse,
  CaseResponse,
  FileCaseDto,
  PrivacyNoticeResponse,
} from './cases.dto';
import { CasesService } from './cases.service';
import { privacyNotice } from './privacy-notice';

@ApiTags('cases')
@ApiBearerAuth()
@ApiSecurity('api-key')
@ApiResponse({ status: 401, type: ErrorResponse })
@Controller()
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('privacy-notice')
  @ApiOperation({ summary: 'The privacy notice a borrower consents to when filing' })
  @ApiResponse({ status: 200, type: PrivacyNoticeResponse })
  privacyNotice(@Query('locale') locale?: string): PrivacyNoticeResponse {
    const l = LOCALES.includes(locale as Locale) ? (locale as Locale) : 'zh-CN';
    return privacyNotice(l, this.config.privacyController);
  }

  @Roles('borrower')
  @Post('cases')
  @ApiOperation({ summary: 'File an application for mediation (borrower)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiResponse({ status: 201, type: CaseResponse })
  @ApiResponse({
    status: 400,
    type: ErrorResponse,
    description: 'Invalid field or missing consent',
  })
  @ApiResponse({
    status: 422,
    type: ErrorResponse,
    description: 'Idempotency-Key reused with another body',
  })
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
  @ApiResponse({ status: 200, type: CaseListResponse })
  list(@CurrentPrincipal() p: Principal, @Query() q: CaseListQuery): Promise<CaseListResponse> {
    return this.cases.list(p, q);
  }

  @AnyRole()
  @Get('cases/:id')
  @ApiOperation({ summary: 'One case, with the actions the caller may take now' })
  @ApiResponse({ status: 200, type: CaseResponse })
  @ApiResponse({ status: 404, type: ErrorResponse })
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
  @ApiResponse({ status: 200, type: [CaseEventResponse] })
  @ApiResponse({ status: 404, type: ErrorResponse })
  events(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
  ): Promise<CaseEventResponse[]> {
    return this.cases.events(p, id);
  }
}
