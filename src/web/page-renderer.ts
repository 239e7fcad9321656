import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../access/principal';
import { LOCALES } from '../cases/case.entity';
import { APP_CONFIG } from '../common/config/config';
import type { AppConfig } from '../common/config/config';
import { pageLocale } from './page-locale';
import { hasMessage, translate } from './page-messages';
import { navigationFor } from './page-paths';
import { cookieOptions, FLASH_COOKIE, LOCALE_COOKIE } from './web-cookies';

/** A one-time message for the page after a redirect (POST → redirect → GET). */
export interface Flash {
  kind: 'success' | 'info';
  /** A message key under `flash.`. */
  key: string;
}

export interface RenderOptions {
  status?: number;
  /** Message key of the title; `<view>.title` by default. */
  titleKey?: string;
  /** `data-page` of `<main>`; the view's name by default. */
  page?: string;
}

const YEAR_S = 365 * 24 * 3600;

/** The caller a page route's guard found (null when signed out). */
export const pagePrincipal = (req: FastifyRequest): Principal | null =>
  (req as FastifyRequest & { user?: Principal | null }).user ?? null;

/**
 * Renders a page in the one layout: the locale and its catalogue, who is signed in and
 * their navigation, the CSRF token for the page's forms, the flash message. Every page is
 * `Cache-Control: no-store`: each carries a CSRF token, most carry personal data.
 */
@Injectable()
export class PageRenderer {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async render(
    req: FastifyRequest,
    reply: FastifyReply,
    view: string,
    data: Record<string, unknown> = {},
    options: RenderOptions = {},
  ): Promise<void> {
    const { locale, chosen } = pageLocale(req);
    if (chosen) {
      reply.setCookie(LOCALE_COOKIE, chosen, { ...cookieOptions(this.config), maxAge: YEAR_S });
    }
    const principal = pagePrincipal(req);
    const url = new URL(req.url, 'http://page.invalid');
    const context = {
      locale,
      page: options.page ?? view,
      title: translate(locale, options.titleKey ?? `${view}.title`),
      principal: principal && { name: principal.name, role: principal.role },
      nav: navigationFor(principal?.role ?? null, url.pathname),
      csrfToken: reply.generateCsrf(),
      flash: this.takeFlash(req, reply),
      languages: LOCALES.map((l) => {
        url.searchParams.set('lang', l);
        return {
          locale: l,
          href: `${url.pathname}?${url.searchParams}`,
          label: translate(l, 'language.name'),
          current: l === locale,
        };
      }),
      ...data,
    };
    const html = await reply.viewAsync(`${view}.hbs`, context);
    await reply
      .code(options.status ?? 200)
      .header('Cache-Control', 'no-store')
      .header('Content-Language', locale)
      .type('text/html; charset=utf-8')
      .send(html);
  }

  /** 303 See Other, so the browser GETs the target; with a message for it if given. */
  async redirect(reply: FastifyReply, url: string, flash?: Flash): Promise<void> {
    if (flash) {
      reply.setCookie(FLASH_COOKIE, JSON.stringify(flash), {
        ...cookieOptions(this.config),
        signed: true,
        maxAge: 120,
      });
    }
    await reply.header('Cache-Control', 'no-store').redirect(url, 303);
  }

  private takeFlash(req: FastifyRequest, reply: FastifyReply): Flash | null {
    const raw = req.cookies[FLASH_COOKIE];
    if (!raw) return null;
    reply.clearCookie(FLASH_COOKIE, { path: '/' });
    const unsigned = req.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return null;
    try {
      const flash = JSON.parse(unsigned.value) as Partial<Flash>;
      const ok =
        (flash.kind === 'success' || flash.kind === 'info') &&
        typeof flash.key === 'string' &&
        flash.key.startsWith('flash.') &&
        hasMessage('zh-CN', flash.key);
      return ok ? { kind: flash.kind!, key: flash.key! } : null;
    } catch {
      return null;
    }
  }
}
