import { randomUUID } from 'node:crypto';
import type { Principal } from '../access/principal';
import { caseVisibility, parameters } from '../cases/case-visibility';
import { parseStatsScope, scopePrincipal, statsScope } from './stats-scope';

const condition = (p: Principal) => {
  const { bind, params } = parameters();
  return { sql: caseVisibility(p, bind), params };
};

const user = { kind: 'user', userId: randomUUID(), apiKeyId: null, name: 'x' } as const;

describe('the statistics scope', () => {
  const centreA = randomUUID();
  const centreB = randomUUID();
  const clerkA: Principal = { ...user, role: 'clerk', organizationId: centreA };
  const clerkB: Principal = { ...user, role: 'clerk', organizationId: centreB };
  const admin: Principal = { ...user, role: 'admin', organizationId: centreA };

  it('is the centre for a clerk and everything for an admin, whatever their organisation', () => {
    expect(statsScope(clerkA).key).toBe(`centre:${centreA}`);
    expect(statsScope(clerkB).key).toBe(`centre:${centreB}`);
    expect(statsScope(admin).key).toBe('all');
    expect(statsScope({ ...admin, organizationId: null }).key).toBe('all');
  });

  it('is computed under the very condition the visibility rule gives its callers', () => {
    for (const p of [clerkA, clerkB, admin]) {
      expect(condition(scopePrincipal(statsScope(p)))).toEqual(condition(p));
    }
  });

  it('is read back from a job only when it names all or one centre', () => {
    expect(parseStatsScope(`centre:${centreA}`)).toEqual(statsScope(clerkA));
    expect(parseStatsScope('all')).toEqual(statsScope(admin));
    for (const bad of [
      '',
      'centre:',
      'centre:x',
      `centre:${centreA} `,
      `user:${centreA}`,
      7,
      null,
    ]) {
      expect(parseStatsScope(bad)).toBeNull();
    }
  });

  it('is refused to the roles that have no statistics', () => {
    const others: Principal[] = [
      { ...user, role: 'mediator', organizationId: centreA },
      { ...user, role: 'lender', organizationId: centreA },
      { ...user, role: 'borrower', organizationId: null },
      {
        kind: 'api_key',
        userId: null,
        apiKeyId: randomUUID(),
        role: 'lender',
        organizationId: centreA,
        name: 'k',
      },
    ];
    for (const p of others) expect(() => statsScope(p)).toThrow(/not scoped/);
  });
});
