import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import {
  SAMPLE_SIGNATURES,
  SAMPLE_VERIFICATION,
  sampleAgreementDocument,
} from '../agreements/agreement-document.factory';
import { renderAgreementPdf, renderSealedAgreementPdf } from '../agreements/agreement-pdf';
import { CadesSigner } from './cades-signer';
import { devSealIdentity } from './dev-seal-certificate';
import type { SealIdentity } from './seal-identity';
import { verifySealedPdf } from './verify-sealed-pdf';

jest.setTimeout(60_000);

const CENTRE = {
  id: '0f8e3c2a-1b2c-4d5e-8f90-123456789abc',
  name: '上海市浦东新区金融纠纷人民调解委员会',
};
const DEV_CN = `${CENTRE.name}（开发用自签名证书，不具法律效力）`;
const SEALED_AT = new Date('2026-11-28T02:00:00Z'); // 10:00 in Beijing
const agreement = sampleAgreementDocument({
  signatures: SAMPLE_SIGNATURES,
  verification: SAMPLE_VERIFICATION,
});

let root: string;
let identity: SealIdentity;
let sealed: Buffer;

// pdfjs inside pdf-parse loads its worker with a dynamic import(), which Jest's CommonJS
// sandbox refuses; a handler on globalThis.pdfjsWorker makes it parse in-process instead.
beforeAll(async () => {
  const workerPath = join(dirname(require.resolve('pdf-parse')), 'pdf.worker.mjs');
  Object.assign(globalThis, { pdfjsWorker: await import(workerPath) });
  root = mkdtempSync(join(process.env.TEST_ROOT ?? tmpdir(), 'seal-pdf-'));
  identity = devSealIdentity(join(root, 'data'), CENTRE).identity;
  sealed = await renderSealedAgreementPdf(agreement, { identity, sealedAt: SEALED_AT });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function text(pdf: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, '');
  } finally {
    await parser.destroy();
  }
}

/** The two covered ranges of the one /ByteRange: [start, end) each. */
function coveredRanges(pdf: Buffer): [number, number][] {
  const m = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/.exec(pdf.toString('latin1'));
  const [a, b, c, d] = m!.slice(1).map(Number);
  return [
    [a, a + b],
    [c, c + d],
  ];
}

const flipped = (pdf: Buffer, at: number) => {
  const copy = Buffer.from(pdf);
  copy[at] ^= 0x01;
  return copy;
};

describe('a sealed agreement', () => {
  it('verifies with the independent node-forge check, signed by the centre over the whole file', () => {
    expect(verifySealedPdf(sealed)).toEqual({
      valid: true,
      signer: {
        commonName: DEV_CN,
        organization: CENTRE.name,
        certificateSha256: identity.certificateSha256,
      },
      signedAt: SEALED_AT,
      coversWholeFile: true,
      subFilter: 'ETSI.CAdES.detached',
    });
  });

  it('fails the check when any one byte of the covered ranges changes', () => {
    const ranges = coveredRanges(sealed);
    const positions = ranges.flatMap(([start, end]) => {
      const step = Math.floor((end - start) / 24);
      const spread = Array.from({ length: 24 }, (_, i) => start + i * step);
      return [...spread, start + 1, end - 2, end - 1];
    });
    for (const at of positions) {
      const result = verifySealedPdf(flipped(sealed, at));
      expect({ at, valid: result.valid }).toEqual({ at, valid: false });
    }
  });

  it('fails the check when the signature itself changes', () => {
    const [[, holeStart]] = coveredRanges(sealed);
    // The CMS is a SEQUENCE with a long-form length; the RSA signature value ends it.
    const header = Buffer.from(sealed.toString('latin1', holeStart + 1, holeStart + 9), 'hex');
    expect(header[0]).toBe(0x30);
    const size = 2 + (header[1] & 0x7f) + header.readUIntBE(2, header[1] & 0x7f);
    const copy = Buffer.from(sealed);
    const digitAt = holeStart + 1 + 2 * (size - 10);
    copy[digitAt] = copy[digitAt] === 0x30 ? 0x31 : 0x30;
    expect(verifySealedPdf(copy)).toMatchObject({ valid: false });
  });

  it('says when bytes were appended after the signature', () => {
    const appended = Buffer.concat([sealed, Buffer.from('\n%%EOF\n')]);
    expect(verifySealedPdf(appended)).toMatchObject({ valid: true, coversWholeFile: false });
  });

  it('answers why not for a draft, which has no signature', async () => {
    expect(verifySealedPdf(await renderAgreementPdf(agreement))).toMatchObject({
      valid: false,
      reason: 'the file has no signature',
      signer: null,
    });
  });

  it('prints the seal block: the centre, the time in Beijing and the certificate', async () => {
    const flat = await text(sealed);
    expect(flat).toContain(`电子签章：${CENTRE.name}`);
    expect(flat).toContain('签章时间：2026-11-2810:00（北京时间）');
    expect(flat).toContain(`数字证书：${DEV_CN}`);
    // The rest of the agreement is still there, signatures included.
    expect(flat).toContain('签署时间：2026-11-2614:03');
    expect(flat).toContain(`核验码：${agreement.verification!.code}`);
  });

  it('still embeds every font it uses, the form’s included', () => {
    expect(sealed.toString('latin1')).not.toMatch(/\/Subtype \/Type1/);
  });

  it('has a signature widget over the drawn seal', () => {
    const raw = sealed.toString('latin1');
    const widget = /\/Subtype \/Widget\s*\/FT \/Sig\s*\/Rect \[([\d.\s]+)\]/.exec(raw);
    expect(widget).not.toBeNull();
    const [x1, y1, x2, y2] = widget![1].trim().split(/\s+/).map(Number);
    expect(x2 - x1).toBeGreaterThan(50);
    expect(y2 - y1).toBeGreaterThan(50);
  });

  it('renders the same bytes for the same agreement, identity and time', async () => {
    const again = await renderSealedAgreementPdf(sampleAgreementDocument(agreement), {
      identity,
      sealedAt: SEALED_AT,
    });
    expect(again.equals(sealed)).toBe(true);
  });

  it('prints the English seal block from the en template', async () => {
    const en = await renderSealedAgreementPdf(
      sampleAgreementDocument({ ...agreement, locale: 'en' }),
      { identity, sealedAt: SEALED_AT },
    );
    expect(verifySealedPdf(en)).toMatchObject({ valid: true, coversWholeFile: true });
    const flat = await text(en);
    expect(flat).toContain(`Electronicseal:${CENTRE.name}`);
    expect(flat).toContain('Sealedat:2026-11-2810:00(Beijingtime)');
  });

  it('leaves drafts as they were: no signature, no seal block', async () => {
    const draft = await renderAgreementPdf(sampleAgreementDocument({ signatures: {} }));
    expect(draft.toString('latin1')).not.toContain('/ByteRange');
    expect(await text(draft)).not.toContain('电子签章');
  });
});

describe('pdfsig (poppler), an independent reader', () => {
  let file: string;
  beforeAll(() => {
    file = join(root, 'sealed.pdf');
    writeFileSync(file, sealed);
  });
  const pdfsig = (path: string) =>
    execFileSync('pdfsig', ['-no-ocsp', path], { encoding: 'utf8', env: { HOME: root } });

  it('finds a valid ETSI.CAdES.detached signature by the centre over the total document', () => {
    const out = pdfsig(file);
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Total document signed');
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toContain(`Signer Certificate Common Name: ${DEV_CN}`);
    expect(out).toContain('Signing Time: Nov 28 2026 02:00:00');
  });

  it('finds the digest broken after one changed byte', () => {
    const [, [tailStart, end]] = coveredRanges(sealed);
    const tampered = join(root, 'tampered.pdf');
    writeFileSync(tampered, flipped(sealed, Math.floor((tailStart + end) / 2)));
    const out = pdfsig(tampered);
    expect(out).not.toContain('Signature is Valid');
    expect(out).toContain('Signature Validation: Digest Mismatch.');
  });
});

describe('CadesSigner', () => {
  it('signs once: a second signature needs a new signer', async () => {
    const signer = new CadesSigner(identity);
    await signer.sign(Buffer.from('first'));
    await expect(signer.sign(Buffer.from('second'))).rejects.toThrow(/signs once/);
  });
});
