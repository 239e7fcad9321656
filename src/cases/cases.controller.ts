import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiSecurity,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal';
import { AnyRole, CurrentPrincipal, Public, Roles } from '../auth/roles.decorator';
import { AppError } from '../common/errors/app-error';
import { IdPipe } from '../common/id.pipe';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { TRANSITIONS } from '../workflow/transitions';
import { WorkflowService } from '../workflow/workflow.service';
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
import { BodyLimit } from '../common/http/body-limit';

const ACTION_BODY_LIMIT = 512 * 1024;

/** A malformed id is a case that does not exist: 404, like any case the caller may not see. */
export const CaseIdPipe = new IdPipe('case', 'CASE_NOT_FOUND');

function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m)
    throw AppError.validation([
      { field: 'If-Match', message: 'must be the case version, e.g. "3"' },
    ]);
  return Number(m[1]);
}

const ACTION_TABLE = TRANSITIONS.filter((t) => !t.actor.includes('system' as never))
  .map(
    (t) =>
      `| \`${t.action}\` | ${t.actor.join(', ')} | ${t.from.join(', ')} | ${t.to} | ${t.input?.name ?? '—'} |`,
  )
  .join('\n');
const INPUTS = [...new Set(TRANSITIONS.map((t) => t.input).filter((i) => i !== null))];

@ApiTags('cases')
@ApiBearerAuth()
@ApiSecurity('api-key')
@ApiResponse({ status: 401, type: ErrorResponse })
@Controller()
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly workflow: WorkflowService,
  ) {}

  @Public()
  @Get('privacy-notice')
  @ApiOperation({ summary: 'The privacy notice a borrower consents to when filing' })
  @ApiResponse({ status: 200, type: PrivacyNoticeResponse })
  privacyNotice(@Query('locale') locale?: string): PrivacyNoticeResponse {
    return privacyNotice(LOCALES.includes(locale as Locale) ? (locale as Locale) : 'zh-CN');
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
    @CurrentPrincipal() p: Principal,
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

  @AnyRole()
  @Post('cases/:id/actions/:action')
  // Minutes and agreement clauses: up to 60 000 characters, escaped in JSON.
  @BodyLimit(ACTION_BODY_LIMIT)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Take a workflow action',
    description: `The body is the action's input. Actions (workflow.md):\n\n| action | actor | from | to | input |\n|---|---|---|---|---|\n${ACTION_TABLE}`,
  })
  @ApiParam({
    name: 'action',
    enum: TRANSITIONS.filter((t) => !t.actor.includes('system' as never)).map((t) => t.action),
  })
  @ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The case version you read; stale → 412',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiExtraModels(...INPUTS)
  @ApiBody({ schema: { oneOf: INPUTS.map((i) => ({ $ref: getSchemaPath(i) })) } })
  @ApiResponse({ status: 200, type: CaseResponse })
  @ApiResponse({ status: 400, type: ErrorResponse })
  @ApiResponse({
    status: 403,
    type: ErrorResponse,
    description: 'Your role may never take this action',
  })
  @ApiResponse({ status: 404, type: ErrorResponse })
  @ApiResponse({
    status: 409,
    type: ErrorResponse,
    description: 'Not allowed in the current state',
  })
  @ApiResponse({ status: 412, type: ErrorResponse })
  @ApiResponse({ status: 422, type: ErrorResponse })
  act(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @Req() req: FastifyRequest,
    @Headers('if-match') ifMatch?: string,
    @Headers('idempotency-key') key?: string,
  ): Promise<CaseResponse> {
    return this.workflow.act(p, id, action, body, {
      ifMatch: parseIfMatch(ifMatch),
      idempotencyKey: key,
      request: { ip: req.ip, userAgent: req.headers['user-agent'] ?? null },
    });
  }
}
