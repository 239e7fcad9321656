import {
  SAMPLE_SIGNATURES,
  SAMPLE_VERIFICATION,
  sampleAgreementDocument,
} from '../../src/agreements/agreement-document.factory';
import { renderAgreementPdf } from '../../src/agreements/agreement-pdf';

export interface AgreementPdfBench {
  meanMs: number;
  p95Ms: number;
  /** Size of the rendered 60-installment agreement. */
  bytes: number;
}

/**
 * Renders the largest agreement the service allows (60 installments) `runs` times. One untimed
 * render first: the first reads the two 11 MB font files, which a running server does only once.
 */
export async function benchAgreementPdf(runs = 20): Promise<AgreementPdfBench> {
  const agreement = sampleAgreementDocument({
    terms: { settlementFen: 1234567, installments: 60, firstDueDate: '2027-01-31' },
    signatures: SAMPLE_SIGNATURES,
    verification: SAMPLE_VERIFICATION,
  });
  const { length: bytes } = await renderAgreementPdf(agreement);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await renderAgreementPdf(agreement);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    meanMs: round(times.reduce((sum, t) => sum + t, 0) / runs),
    p95Ms: round(times[Math.min(runs - 1, Math.ceil(runs * 0.95) - 1)]),
    bytes,
  };
}

if (require.main === module) {
  benchAgreementPdf().then(
    (result) => console.log('agreement pdf (60 installments):', result),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
