import { createHmac } from 'node:crypto';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { AppConfig } from '../common/config/config';

export const SESSION_COOKIE = 'mediation_session';
export const LOCALE_COOKIE = 'lang';
export const FLASH_COOKIE = 'flash';
export const CSRF_COOKIE = '_csrf';

/** HttpOnly, SameSite=Lax, for the whole site; Secure in production (served over HTTPS). */
export function cookieOptions(config: AppConfig): CookieSerializeOptions {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.nodeEnv === 'production',
  };
}

/** The key that signs the CSRF and flash cookies, derived so it is never the JWT key itself. */
export const cookieSigningSecret = (config: AppConfig) =>
  createHmac('sha256', config.jwtSecret!).update('page cookie signing').digest('base64url');
