/**
 * The notice a borrower consents to when filing. Bump the version when the text changes: a
 * signed-in borrower who accepted an older one is asked again (`/auth/me`, the pages).
 */
export const PRIVACY_NOTICE_VERSION = '2026-12-01';

/** Every version, newest first, with what changed: a borrower asked again reads why. */
export const PRIVACY_NOTICE_HISTORY = [
  {
    version: '2026-12-01',
    changes:
      'Online mediation and electronic service became free choices; retention periods, recipients, the rights as routes and the complaint channel were added.',
  },
  { version: '2026-11-01', changes: 'First version.' },
] as const;
