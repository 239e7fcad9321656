import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';
import type { Principal } from '../access/principal';
import { PAGE_SESSION_STRATEGY } from '../access/roles.decorator';
import { PageSessionService } from './page-session.service';
import { SESSION_COOKIE } from './web-cookies';

/** Resolves the page session cookie to the same Principal a bearer token gives. */
@Injectable()
export class PageSessionStrategy extends PassportStrategy(Strategy, PAGE_SESSION_STRATEGY) {
  constructor(private readonly sessions: PageSessionService) {
    super();
  }

  validate(req: FastifyRequest): Promise<Principal | null> {
    return this.sessions.resolve(req.cookies[SESSION_COOKIE]);
  }
}
