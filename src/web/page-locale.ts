import type { FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { LOCALES } from '../cases/case.entity';
import type { Locale } from '../cases/case.entity';
import { DEFAULT_LOCALE } from './page-messages';
import { LOCALE_COOKIE } from './web-cookies';

const isLocale = (v: unknown): v is Locale => LOCALES.includes(v as Locale);

export interface PageLocale {
  locale: Locale;
  /** Set when `?lang=` chose it now: the choice is then remembered in a cookie. */
  chosen: Locale | null;
}

/** `?lang=`, else the remembered choice, else the browser's Accept-Language, else zh-CN. */
export function pageLocale(req: FastifyRequest): PageLocale {
  const lang = (req.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(lang)) return { locale: lang, chosen: lang };
  const remembered = req.cookies[LOCALE_COOKIE];
  if (isLocale(remembered)) return { locale: remembered, chosen: null };
  const header = req.headers['accept-language'];
  const negotiated = header
    ? new Negotiator({ headers: { 'accept-language': header } }).language([...LOCALES])
    : undefined;
  return { locale: isLocale(negotiated) ? negotiated : DEFAULT_LOCALE, chosen: null };
}
