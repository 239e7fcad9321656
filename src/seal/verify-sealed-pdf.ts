import forge from 'node-forge';
import { OID } from './cades-signer';
import { attributeText } from './seal-identity';

type Asn1 = forge.asn1.Asn1;
const { asn1 } = forge;

export interface SealSigner {
  commonName: string;
  organization: string | null;
  /** SHA-256 of the signing certificate (hex), to compare with the centre's own. */
  certificateSha256: string;
}

/**
 * What `verifySealedPdf` found. `valid`: the signature is mathematically correct over the bytes
 * it covers, by the certificate it carries, at a time that certificate was valid.
 * `coversWholeFile`: those bytes are the whole file except the signature's own /Contents, so
 * nothing was appended. A sealed agreement is intact only when both hold. Whether the
 * certificate is the centre's is the caller's question: compare `certificateSha256`.
 */
export type SealVerification =
  | {
      valid: true;
      signer: SealSigner;
      signedAt: Date;
      coversWholeFile: boolean;
      subFilter: string | null;
    }
  | {
      valid: false;
      /** Why not, in a sentence. */
      reason: string;
      signer: SealSigner | null;
      signedAt: Date | null;
      coversWholeFile: boolean;
      subFilter: string | null;
    };

class Invalid extends Error {}

const DIGESTS: Record<string, () => forge.md.MessageDigest> = {
  [OID.sha256]: () => forge.md.sha256.create(),
  '2.16.840.1.101.3.4.2.2': () => forge.md.sha384.create(),
  '2.16.840.1.101.3.4.2.3': () => forge.md.sha512.create(),
};
const RSA_SIGNATURES = new Set([
  OID.rsaEncryption,
  '1.2.840.113549.1.1.11', // sha256WithRSAEncryption
  '1.2.840.113549.1.1.12',
  '1.2.840.113549.1.1.13',
]);

const children = (node: Asn1 | undefined, what: string): Asn1[] => {
  if (!node || !Array.isArray(node.value))
    throw new Invalid(`the signature's ${what} is malformed`);
  return node.value;
};
const bytesOf = (node: Asn1 | undefined, what: string): string => {
  if (!node || typeof node.value !== 'string')
    throw new Invalid(`the signature's ${what} is malformed`);
  return node.value;
};
const oidOf = (node: Asn1 | undefined, what: string) => asn1.derToOid(bytesOf(node, what));
const der = (node: Asn1) => asn1.toDer(node).getBytes();

/** The length of the DER element at the start of `bytes` (the hole is padded with zeros). */
function derLength(bytes: Buffer): number {
  if (bytes.length < 2 || bytes[0] !== 0x30) throw new Invalid('/Contents holds no CMS signature');
  if (bytes[1] < 0x80) return 2 + bytes[1];
  const n = bytes[1] & 0x7f;
  if (n === 0 || n > 4 || bytes.length < 2 + n)
    throw new Invalid('/Contents holds no CMS signature');
  return 2 + n + bytes.subarray(2, 2 + n).reduce((len, b) => len * 256 + b, 0);
}

/** A PDF date `D:YYYYMMDDHHmmSS` with `Z` or an offset `+08'00'`. */
function pdfDate(text: string): Date | null {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:(Z)|([+-])(\d{2})'?(\d{2})'?)?/.exec(
    text,
  );
  if (!m) return null;
  const offset = m[8] ? (m[8] === '+' ? 1 : -1) * (Number(m[9]) * 60 + Number(m[10])) : 0;
  const utc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return new Date(utc - offset * 60_000);
}

/**
 * Checks the one signature of a sealed PDF independently of the code that made it, with
 * node-forge: the /ByteRange and its hole, the CMS structure, the message digest over the
 * covered bytes, the RSA signature over the signed attributes by the carried certificate, the
 * signing-certificate-v2 reference, and the certificate's validity at the signing time (/M,
 * which the signature covers; a CMS signing-time attribute if there is no /M).
 */
export function verifySealedPdf(pdf: Buffer): SealVerification {
  let signer: SealSigner | null = null;
  let signedAt: Date | null = null;
  let coversWholeFile = false;
  let subFilter: string | null = null;
  try {
    const text = pdf.toString('latin1');
    const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
    if (ranges.length === 0) throw new Invalid('the file has no signature');
    if (ranges.length > 1) {
      throw new Invalid(`the file has ${ranges.length} signatures; a sealed agreement has one`);
    }
    const [start, holeStart, holeEnd, tailLength] = ranges[0].slice(1).map(Number);
    if (start !== 0 || holeStart >= holeEnd || holeEnd + tailLength > pdf.length) {
      throw new Invalid('the /ByteRange does not describe this file');
    }
    if (
      text[holeStart] !== '<' ||
      text[holeEnd - 1] !== '>' ||
      !/\/Contents\s*$/.test(text.slice(Math.max(0, holeStart - 20), holeStart))
    ) {
      throw new Invalid('the part the signature leaves out is not its /Contents');
    }
    coversWholeFile = holeEnd + tailLength === pdf.length;
    const dictionary = text.slice(
      text.lastIndexOf('obj', ranges[0].index),
      text.indexOf('endobj', holeEnd),
    );
    subFilter = /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(dictionary)?.[1] ?? null;
    signedAt = pdfDate(/\/M\s*\((D:[^)]*)\)/.exec(dictionary)?.[1] ?? '');

    const contents = Buffer.from(text.slice(holeStart + 1, holeEnd - 1), 'hex');
    const cms = asn1.fromDer(contents.subarray(0, derLength(contents)).toString('binary'));
    const [contentType, wrapped] = children(cms, 'ContentInfo');
    if (oidOf(contentType, 'content type') !== OID.signedData) {
      throw new Invalid('/Contents is not a CMS SignedData');
    }
    const signedData = children(children(wrapped, 'SignedData')[0], 'SignedData');
    const encapsulated = children(signedData[2], 'encapsulated content');
    if (encapsulated.length > 1) throw new Invalid('the signature is not detached');
    const certificates = signedData.filter(
      (n) => n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 0,
    )[0];
    const signerInfos = children(signedData[signedData.length - 1], 'signer infos');
    if (signerInfos.length !== 1) throw new Invalid(`the CMS has ${signerInfos.length} signers`);
    const info = children(signerInfos[0], 'SignerInfo');
    const [, sid, digestAlgorithm, signedAttributes, signatureAlgorithm, signatureValue] = info;

    // The signer's certificate: the one the SignerInfo names by issuer and serial number.
    const sidParts = children(sid, 'signer identifier');
    const wanted = der(sidParts[0]) + der(sidParts[1]);
    const certificateNode = children(certificates, 'certificates').find((c) => {
      const tbs = children(children(c, 'certificate')[0], 'certificate');
      const at = tbs[0].tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
      return der(tbs[at + 2]) + der(tbs[at]) === wanted;
    });
    if (!certificateNode) throw new Invalid('the signature does not carry its certificate');
    const certificate = forge.pki.certificateFromAsn1(certificateNode);
    const certificateDer = der(certificateNode);
    signer = {
      commonName: attributeText(certificate.subject.getField('CN')) ?? '',
      organization: attributeText(certificate.subject.getField('O')),
      certificateSha256: forge.md.sha256.create().update(certificateDer).digest().toHex(),
    };

    const digestOid = oidOf(children(digestAlgorithm, 'digest algorithm')[0], 'digest algorithm');
    const newDigest = DIGESTS[digestOid];
    if (!newDigest) throw new Invalid(`unsupported digest algorithm ${digestOid}`);
    if (signedAttributes?.tagClass !== asn1.Class.CONTEXT_SPECIFIC || signedAttributes.type !== 0) {
      throw new Invalid('the signature has no signed attributes');
    }
    const attributes = new Map<string, Asn1>();
    for (const attribute of children(signedAttributes, 'signed attributes')) {
      const [type, values] = children(attribute, 'signed attribute');
      attributes.set(oidOf(type, 'attribute type'), children(values, 'attribute values')[0]);
    }
    if (oidOf(attributes.get(OID.contentType), 'content-type attribute') !== OID.data) {
      throw new Invalid('the signed content type is not data');
    }
    const covered = newDigest();
    covered.update(pdf.subarray(start, holeStart).toString('binary'));
    covered.update(pdf.subarray(holeEnd, holeEnd + tailLength).toString('binary'));
    if (covered.digest().getBytes() !== bytesOf(attributes.get(OID.messageDigest), 'digest')) {
      throw new Invalid('the file was changed after it was signed: its digest does not match');
    }
    const signingCertificate = attributes.get(OID.signingCertificateV2);
    if (signingCertificate) {
      const essCertId = children(children(signingCertificate, 'ESS attribute')[0], 'ESS')[0];
      const parts = children(essCertId, 'ESSCertIDv2');
      // hashAlgorithm is optional, SHA-256 when left out.
      const named = parts[0].type === asn1.Type.SEQUENCE;
      const hashOid = named ? oidOf(children(parts[0], 'ESS hash')[0], 'ESS hash') : OID.sha256;
      const hash = DIGESTS[hashOid]?.().update(certificateDer).digest().getBytes();
      if (bytesOf(named ? parts[1] : parts[0], 'certificate hash') !== hash) {
        throw new Invalid('signing-certificate-v2 does not name the signing certificate');
      }
    }

    const algorithm = oidOf(children(signatureAlgorithm, 'signature algorithm')[0], 'algorithm');
    if (!RSA_SIGNATURES.has(algorithm)) throw new Invalid(`unsupported signature ${algorithm}`);
    // The signature covers the attributes DER-encoded as a SET, not as the [0] they sit in.
    const asSet = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, signedAttributes.value);
    const attributesDigest = newDigest().update(der(asSet)).digest().getBytes();
    const publicKey = certificate.publicKey as forge.pki.rsa.PublicKey;
    let verified = false;
    try {
      verified = publicKey.verify(attributesDigest, bytesOf(signatureValue, 'signature value'));
    } catch {
      verified = false;
    }
    if (!verified) throw new Invalid('the signature does not match its certificate');

    if (!signedAt) {
      const time = attributes.get(OID.signingTime);
      signedAt = time
        ? time.type === asn1.Type.UTCTIME
          ? asn1.utcTimeToDate(bytesOf(time, 'signing time'))
          : asn1.generalizedTimeToDate(bytesOf(time, 'signing time'))
        : null;
    }
    if (!signedAt) throw new Invalid('the signature has no signing time');
    const { notBefore, notAfter } = certificate.validity;
    if (signedAt < notBefore || signedAt > notAfter) {
      throw new Invalid('the certificate was not valid at the signing time');
    }
    return { valid: true, signer, signedAt, coversWholeFile, subFilter };
  } catch (e) {
    const reason =
      e instanceof Invalid ? e.message : `the signature cannot be read (${(e as Error).message})`;
    return { valid: false, reason, signer, signedAt, coversWholeFile, subFilter };
  }
}
