import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const b = { minMs: 1000, maxMs: 30_000 };

  it('doubles from the minimum and stops at the maximum', () => {
    for (let i = 0; i < 50; i++) {
      expect(backoffDelay(0, b)).toBeGreaterThanOrEqual(500);
      expect(backoffDelay(0, b)).toBeLessThanOrEqual(1000);
      expect(backoffDelay(3, b)).toBeGreaterThanOrEqual(4000);
      expect(backoffDelay(3, b)).toBeLessThanOrEqual(8000);
      expect(backoffDelay(40, b)).toBeGreaterThanOrEqual(15_000);
      expect(backoffDelay(40, b)).toBeLessThanOrEqual(30_000);
    }
  });
});
