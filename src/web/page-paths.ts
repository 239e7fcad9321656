import type { Role } from '../common/roles';

/** Requests that are not pages: the API, its documentation, health and the static assets. */
const NOT_PAGES = /^\/(api(\/|$)|docs(\/|-json|$)|health(\/|\?|$)|assets\/)/;

export const isPagePath = (url: string) => !NOT_PAGES.test(url);

/** Where each role lands after signing in (web.md: `/cases` for every role). */
export const LANDING: Record<Role, string> = {
  borrower: '/cases',
  clerk: '/cases',
  mediator: '/cases',
  lender: '/cases',
  admin: '/cases',
};

/** The navigation, per role; anyone sees `home` and `verify`. */
export interface NavItem {
  href: string;
  /** Message key of the link's text. */
  key: string;
  /** Who sees it: roles, `anonymous` (signed out) or `anyone`. */
  who: readonly (Role | 'anonymous' | 'anyone')[];
}

export const NAVIGATION: readonly NavItem[] = [
  { href: '/', key: 'nav.home', who: ['anyone'] },
  { href: '/cases', key: 'nav.cases', who: ['borrower', 'clerk', 'mediator', 'lender', 'admin'] },
  { href: '/apply', key: 'nav.apply', who: ['borrower'] },
  { href: '/print', key: 'nav.print', who: ['clerk'] },
  { href: '/calendar', key: 'nav.calendar', who: ['mediator'] },
  { href: '/stats', key: 'nav.stats', who: ['clerk', 'admin'] },
  { href: '/admin', key: 'nav.admin', who: ['admin'] },
  {
    href: '/notifications',
    key: 'nav.notifications',
    who: ['borrower', 'clerk', 'mediator', 'lender', 'admin'],
  },
  { href: '/me', key: 'nav.me', who: ['borrower'] },
  {
    href: '/complaints',
    key: 'nav.complaints',
    who: ['borrower', 'clerk', 'mediator', 'lender'],
  },
  { href: '/verify', key: 'nav.verify', who: ['anyone'] },
  { href: '/login', key: 'nav.login', who: ['anonymous'] },
  { href: '/register', key: 'nav.register', who: ['anonymous'] },
];

export function navigationFor(role: Role | null, currentPath: string) {
  return NAVIGATION.filter(
    (item) => item.who.includes('anyone') || item.who.includes(role ?? 'anonymous'),
  ).map((item) => ({
    ...item,
    current:
      item.href === '/'
        ? currentPath === '/'
        : currentPath === item.href || currentPath.startsWith(`${item.href}/`),
  }));
}

/**
 * A `next` to return to after signing in: a path of this site's pages only, so a link
 * cannot send a user elsewhere (`//evil.example`, `/\evil`, `https:…`).
 */
export function safeNext(next: unknown): string | null {
  if (typeof next !== 'string' || next.length > 500) return null;
  if (!/^\/(?![/\\])[^\s\\]*$/.test(next) || !isPagePath(next)) return null;
  return next;
}
