import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '../access/principal';
import { CaseRepository } from '../cases/case.repository';
import { AppError } from '../common/errors/app-error';
import { SessionMail } from './session-mail';
import { SessionRepository } from './session.repository';

export interface InviteFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

/**
 * A session's calendar entry to download: the very invite its mails carry (SessionMail, same
 * UID and SEQUENCE, so a calendar that already holds it updates the one event), or the
 * cancellation once the session was cancelled.
 */
@Injectable()
export class SessionInviteService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly sessions: SessionRepository,
    private readonly mail: SessionMail,
  ) {}

  async invite(p: Principal, caseId: string, sessionId: string): Promise<InviteFile> {
    const m = this.dataSource.manager;
    if (!(await this.cases.findVisible(m, p, caseId))) {
      throw new AppError('CASE_NOT_FOUND', 'no such case');
    }
    const s = await this.sessions.findById(m, sessionId);
    if (!s || s.caseId !== caseId) throw new AppError('NOT_FOUND', 'no such session on this case');
    const c = await this.cases.reload(m, caseId);
    const file = this.mail.invite(c, s, s.status === 'cancelled' ? 'CANCEL' : 'REQUEST');
    return {
      filename: file.filename,
      contentType: file.contentType,
      body: Buffer.from(file.contentBase64, 'base64'),
    };
  }
}
