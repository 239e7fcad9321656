import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
import { AuthService } from './auth.service';

/** A lender's back-office system: `X-API-Key: <key>` acts as its organisation. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(HeaderAPIKeyStrategy, 'api-key') {
  constructor(private readonly auth: AuthService) {
    super({ header: 'X-API-Key', prefix: '' }, false);
  }

  validate(key: string) {
    return this.auth.principalForApiKey(key);
  }
}
