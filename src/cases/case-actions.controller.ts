import { Body, Controller, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../access/principal';
import { AnyRole, CurrentPrincipal } from '../access/roles.decorator';
import { AppError } from '../common/errors/app-error';
import { BodyLimit } from '../common/http/body-limit';
import { TRANSITIONS } from '../workflow/transitions';
import { CaseActionsService } from './case-actions.service';
import { CaseIdPipe } from './case-id.pipe';
import { CASE_ACTIONS, CaseResponse } from './case-response.dto';

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

// Every input, the system actions' too: the timeline's events carry them (src/openapi).
const INPUTS = [...new Set(TRANSITIONS.map((t) => t.input).filter((i) => i !== null))];

/**
 * The workflow's one door: `POST /cases/:id/actions/:action`, as the transition table says.
 * The document adds one operation per action, each with its own body (src/openapi).
 */
@ApiTags('actions')
@Controller()
export class CaseActionsController {
  constructor(private readonly actions: CaseActionsService) {}

  @AnyRole()
  @Post('cases/:id/actions/:action')
  // Minutes and agreement clauses: up to 60 000 characters, escaped in JSON.
  @BodyLimit(ACTION_BODY_LIMIT)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Take any workflow action (the generic form of the operations per action)',
    description:
      'The body is the action’s input, as its own operation (`POST /api/v1/cases/{id}/actions/<action>`) describes it. Who may take which action, from which state, is the transition table of workflow.md.',
  })
  @ApiParam({ name: 'action', enum: CASE_ACTIONS })
  @ApiExtraModels(...INPUTS)
  @ApiResponse({
    status: 200,
    type: CaseResponse,
    description: 'The case after the action, with what the caller may do next',
  })
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
