import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Expiring } from '../access/principal-cache';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { AuthService, JWT_ALGORITHM } from './auth.service';
import type { Principal } from '../access/principal';

/** What a token of ours says once its signature is checked. */
interface Claims {
  sub: string;
  exp: number;
  tv: number;
}

/** passport's typings name express's request; Nest hands it Fastify's, with the same headers. */
type PassportRequest = Parameters<Strategy['authenticate']>[0];

const bearerToken = ExtractJwt.fromAuthHeaderAsBearerToken();

/** As jsonwebtoken counts it: expired from the second `exp` names. */
const unexpired = (c: Claims) => Math.floor(Date.now() / 1000) < c.exp;

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  /**
   * Tokens whose signature this process checked in the last PRINCIPAL_CACHE_SECONDS, by their
   * exact text: a client sends the same token many times a minute, and checking it again (an
   * HMAC, two base64 decodes and JSON parses) was a tenth of a single read's CPU. Expiry is
   * counted again on every use, and the account and its token version are looked up as for
   * any token (AuthService.principalForUser), so a kept token is refused exactly when a fresh
   * one would be. Not refreshed by use: a token is checked again at least that often.
   */
  private readonly verified: Expiring<Claims>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly auth: AuthService,
  ) {
    const key = createSecretKey(Buffer.from(requireSecret(config)));
    super({
      jwtFromRequest: bearerToken,
      // A ready HMAC key: given a string, jsonwebtoken first tries to parse it as a public
      // key on every request (a fifth of the CPU of a case list). passport-jwt hands the key
      // to jsonwebtoken, which takes a KeyObject; its typings say only string | Buffer.
      secretOrKeyProvider: (_request, _token, done) => done(null, key as never),
      // Pinned: a token claiming `none` or another algorithm is refused.
      algorithms: [JWT_ALGORITHM],
      ignoreExpiration: false,
      passReqToCallback: true,
    });
    this.verified = new Expiring(config.principalCacheSeconds);
  }

  override authenticate(req: PassportRequest, options?: object): void {
    const token = bearerToken(req);
    const kept = token ? this.verified.get(token) : null;
    if (!kept || !unexpired(kept)) {
      super.authenticate(req, options);
      return;
    }
    // What passport-jwt does with its verify callback's answer.
    this.principalOf(kept).then(
      (p) => (p ? this.success(p) : this.fail(401)),
      (e: Error) => this.error(e),
    );
  }

  /** Called by passport-jwt once the signature and expiry are checked. */
  validate(
    req: PassportRequest,
    payload: { sub?: string; exp?: unknown; tv?: unknown },
  ): Promise<Principal | null> {
    // jsonwebtoken accepts a token without `exp` as never expiring; ours always have one,
    // and a token version (`tv`) that must still be the account's.
    if (!payload.sub || typeof payload.exp !== 'number' || typeof payload.tv !== 'number') {
      return Promise.resolve(null);
    }
    const claims = { sub: payload.sub, exp: payload.exp, tv: payload.tv };
    const token = bearerToken(req);
    if (token) this.verified.set(token, claims);
    return this.principalOf(claims);
  }

  private principalOf(c: Claims): Promise<Principal | null> {
    return this.auth.principalForUser(c.sub, c.tv);
  }
}

function requireSecret(config: AppConfig): string {
  if (!config.jwtSecret) throw new Error('JWT_SECRET was not resolved before the app started');
  return config.jwtSecret;
}
