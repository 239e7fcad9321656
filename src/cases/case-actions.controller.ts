import { Body, Controller, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
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
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../access/principal';
import { AnyRole, CurrentPrincipal } from '../access/roles.decorator';
import { AppError } from '../common/errors/app-error';
import { BodyLimit } from '../common/http/body-limit';
import { ErrorResponse } from '../common/errors/error-response.dto';
import { TRANSITIONS } from '../workflow/transitions';
import { CaseActionsService } from './case-actions.service';
import { CaseIdPipe } from './case-id.pipe';
import { CaseResponse } from './cases.dto';

function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m)
    throw AppError.validation([
      { field: 'If-Match', message: 'must be the case version, e.g. "3"' },
    ]);
  return Number(m[1]);
}

const ACTION_BODY_LIMIT = 512 * 1024;

const HTTP_ACTIONS = TRANSITIONS.filter((t) => !t.actor.includes('system' as never));
const ACTION_TABLE = HTTP_ACTIONS.map(
  (t) =>
    `| \`${t.action}\` | ${t.actor.join(', ')} | ${t.from.join(', ')} | ${t.to} | ${t.input?.name ?? '—'} |`,
).join('\n');
const INPUTS = [...new Set(HTTP_ACTIONS.map((t) => t.input).filter((i) => i !== null))];

/** The workflow's one door: `POST /cases/:id/actions/:action`, as the transition table says. */
@ApiTags('cases')
@ApiBearerAuth()
@ApiSecurity('api-key')
@ApiResponse({ status: 401, type: ErrorResponse })
@Controller()
export class CaseActionsController {
  constructor(private readonly actions: CaseActionsService) {}

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
    return this.actions.act(p, id, action, body, {
      ifMatch: parseIfMatch(ifMatch),
      idempotencyKey: key,
      request: { ip: req.ip, userAgent: req.headers['user-agent'] ?? null },
    });
  }
}
