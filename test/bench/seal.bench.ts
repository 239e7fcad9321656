import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SAMPLE_SIGNATURES,
  SAMPLE_VERIFICATION,
  sampleAgreementDocument,
} from '../../src/agreements/agreement-document.factory';
import { renderAgreementPdf, renderSealedAgreementPdf } from '../../src/agreements/agreement-pdf';
import { devSealIdentity } from '../../src/seal/dev-seal-certificate';
import { verifySealedPdf } from '../../src/seal/verify-sealed-pdf';

export interface SealBench {
  /** Median of rendering the same agreement unsealed, for comparison. */
  renderMedianMs: number;
  /** Median of rendering it with the seal block and signing it (PAdES). */
  sealedMedianMs: number;
  /** Median of the independent node-forge check of the sealed file. */
  verifyMedianMs: number;
  bytes: number;
}

const median = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const m = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return Math.round(m * 10) / 10;
};

/** Runs the tasks in turn, `runs` rounds, so warm-up and machine load fall on each alike. */
async function interleaved(runs: number, tasks: (() => unknown)[]): Promise<number[]> {
  const times = tasks.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    for (const [t, task] of tasks.entries()) {
      const start = performance.now();
      await task();
      times[t].push(performance.now() - start);
    }
  }
  return times.map(median);
}

/**
 * Seals the 12-installment sample agreement `runs` times with a development certificate (made
 * once, untimed, as a running server does once per centre). One untimed render first reads the
 * fonts. The sealed render is what `confirm_agreement` adds to the case's transaction.
 */
export async function benchSeal(runs = 20): Promise<SealBench> {
  const dir = mkdtempSync(join(tmpdir(), 'seal-bench-'));
  try {
    const agreement = sampleAgreementDocument({
      signatures: SAMPLE_SIGNATURES,
      verification: SAMPLE_VERIFICATION,
    });
    const { identity } = devSealIdentity(dir, {
      id: '00000000-0000-4000-8000-000000000001',
      name: agreement.mediationCenter.name,
    });
    const seal = { identity, sealedAt: new Date('2026-11-27T02:00:00Z') };
    await renderAgreementPdf(agreement);
    const sealed = await renderSealedAgreementPdf(agreement, seal);
    const [renderMedianMs, sealedMedianMs, verifyMedianMs] = await interleaved(runs, [
      () => renderAgreementPdf(agreement),
      () => renderSealedAgreementPdf(agreement, seal),
      () => verifySealedPdf(sealed),
    ]);
    return { renderMedianMs, sealedMedianMs, verifyMedianMs, bytes: sealed.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchSeal().then(
    (result) => console.log('sealed agreement (12 installments):', result),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
