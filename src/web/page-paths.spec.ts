import { isPagePath, navigationFor, safeNext } from './page-paths';
import { displayTime } from './page-views';

describe('page paths', () => {
  it('tells pages from the API, its docs, health and assets', () => {
    expect(['/', '/cases', '/cases/1', '/verify?code=X', '/documents'].every(isPagePath)).toBe(
      true,
    );
    expect(
      ['/api/v1/cases', '/docs', '/docs/x.js', '/docs-json', '/health', '/assets/site.css'].some(
        isPagePath,
      ),
    ).toBe(false);
  });

  it('returns after sign-in only to a page of this site', () => {
    expect(safeNext('/cases?status=submitted')).toBe('/cases?status=submitted');
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      '/api/v1/cases',
      'cases',
      '/a b',
      undefined,
      ['/cases'],
    ]) {
      expect(safeNext(bad)).toBeNull();
    }
  });

  it('shows sign-in links to visitors and personal pages to people signed in', () => {
    const hrefs = (role: Parameters<typeof navigationFor>[0]) =>
      navigationFor(role, '/').map((n) => n.href);
    expect(hrefs(null)).toEqual(['/', '/verify', '/login', '/register']);
    expect(hrefs('borrower')).toEqual([
      '/',
      '/cases',
      '/apply',
      '/notifications',
      '/me',
      '/complaints',
      '/verify',
    ]);
    expect(hrefs('clerk')).not.toContain('/apply');
    expect(navigationFor('clerk', '/cases').find((n) => n.current)?.href).toBe('/cases');
  });
});

describe('times on pages', () => {
  it('shows an instant in Beijing time as YYYY-MM-DD HH:mm', () => {
    expect(displayTime('2026-12-02T20:05:00Z')).toBe('2026-12-03 04:05');
    expect(displayTime('2026-06-30T16:00:00.000Z')).toBe('2026-07-01 00:00');
  });
});
