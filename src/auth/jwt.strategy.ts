import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { AuthService, JWT_ALGORITHM } from './auth.service';
import type { Principal } from '../access/principal';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly auth: AuthService,
  ) {
    const key = createSecretKey(Buffer.from(requireSecret(config)));
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A ready HMAC key: given a string, jsonwebtoken first tries to parse it as a public
      // key on every request (a fifth of the CPU of a case list). passport-jwt hands the key
      // to jsonwebtoken, which takes a KeyObject; its typings say only string | Buffer.
      secretOrKeyProvider: (_request, _token, done) => done(null, key as never),
      // Pinned: a token claiming `none` or another algorithm is refused.
      algorithms: [JWT_ALGORITHM],
      ignoreExpiration: false,
    });
  }

  validate(payload: { sub?: string; exp?: unknown; tv?: unknown }): Promise<Principal | null> {
    // jsonwebtoken accepts a token without `exp` as never expiring; ours always have one,
    // and a token version (`tv`) that must still be the account's.
    if (!payload.sub || typeof payload.exp !== 'number' || typeof payload.tv !== 'number') {
      return Promise.resolve(null);
    }
    return this.auth.principalForUser(payload.sub, payload.tv);
  }
}

function requireSecret(config: AppConfig): string {
  if (!config.jwtSecret) throw new Error('JWT_SECRET was not resolved before the app started');
  return config.jwtSecret;
}
