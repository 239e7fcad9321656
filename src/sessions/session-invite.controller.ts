import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../access/principal';
import { AnyRole, CurrentPrincipal } from '../access/roles.decorator';
import { CaseIdPipe } from '../cases/case-id.pipe';
import { IdPipe } from '../common/id.pipe';
import { ApiErrors } from '../common/openapi/api-docs';
import { SessionInviteService } from './session-invite.service';
import { sendFile } from '../common/http/send-file';

@ApiTags('sessions')
@Controller()
export class SessionInviteController {
  constructor(private readonly invites: SessionInviteService) {}

  @AnyRole()
  @Get('cases/:id/sessions/:sessionId/invite.ics')
  @ApiOperation({
    summary: 'The session’s calendar invite (iCalendar), as its mails carry it',
    description:
      'METHOD:REQUEST with the session’s UID and SEQUENCE, so a calendar holding an earlier invite updates it; METHOD:CANCEL once the session was cancelled.',
  })
  @ApiResponse({
    status: 200,
    description: 'The invite, as an iCalendar file',
    content: { 'text/calendar': { schema: { type: 'string' } } },
  })
  @ApiErrors('CASE_NOT_FOUND', { NOT_FOUND: 'no such session on this case' })
  async invite(
    @CurrentPrincipal() p: Principal,
    @Param('id', CaseIdPipe) id: string,
    @Param('sessionId', new IdPipe('session on this case')) sessionId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.invites.invite(p, id, sessionId);
    await sendFile(reply, file);
  }
}
