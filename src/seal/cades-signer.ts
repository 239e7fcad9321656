import { createHash, sign } from 'node:crypto';
import { Signer } from '@signpdf/utils';
import forge from 'node-forge';
import type { SealIdentity } from './seal-identity';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
} as const;

type Asn1 = forge.asn1.Asn1;
const { asn1 } = forge;
const U = asn1.Class.UNIVERSAL;
const CONTEXT = asn1.Class.CONTEXT_SPECIFIC;
const seq = (value: Asn1[]) => asn1.create(U, asn1.Type.SEQUENCE, true, value);
const set = (value: Asn1[]) => asn1.create(U, asn1.Type.SET, true, value);
const tagged = (tag: number, value: Asn1[]) => asn1.create(CONTEXT, tag, true, value);
const oid = (id: string) => asn1.create(U, asn1.Type.OID, false, asn1.oidToDer(id).getBytes());
const int = (n: number) =>
  asn1.create(U, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const octets = (b: Buffer) => asn1.create(U, asn1.Type.OCTETSTRING, false, b.toString('binary'));
const nul = () => asn1.create(U, asn1.Type.NULL, false, '');
export const toDer = (node: Asn1) => Buffer.from(asn1.toDer(node).getBytes(), 'binary');
export const fromDer = (b: Buffer) => asn1.fromDer(b.toString('binary'));
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();

/** X.690 orders a DER SET OF by the encodings, as octet strings. */
function derSorted(nodes: Asn1[]): Asn1[] {
  return nodes
    .map((node) => ({ node, bytes: toDer(node) }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .map(({ node }) => node);
}

/** The issuer Name and serial INTEGER of a certificate, as its own bytes encode them. */
export function issuerAndSerial(certificate: Buffer): { issuer: Asn1; serial: Asn1 } {
  const tbs = (fromDer(certificate).value as Asn1[])[0].value as Asn1[];
  // The version is an optional [0]; after it come serial, signature algorithm, issuer.
  const at = tbs[0].tagClass === CONTEXT ? 1 : 0;
  return { serial: tbs[at], issuer: tbs[at + 2] };
}

/**
 * A CAdES signature for `ETSI.CAdES.detached` (PAdES baseline B-B): detached CMS SignedData,
 * SHA-256 with RSA, signed attributes content-type, message-digest and signing-certificate-v2.
 * There is deliberately no signing-time attribute: ETSI EN 319 142-1 wants it absent and the
 * time in the signature dictionary's /M, which the placeholder writes and the signature covers.
 * The stock P12Signer cannot add signing-certificate-v2 and re-encodes a UTF-8 issuer twice.
 *
 * One instance signs once (as @signpdf's signers do): make one per signature.
 */
export class CadesSigner extends Signer {
  private used = false;

  constructor(private readonly identity: SealIdentity) {
    super();
  }

  override async sign(content: Buffer): Promise<Buffer> {
    if (this.used) throw new Error('a CadesSigner signs once; make one per signature');
    this.used = true;
    const { certificate, chain, privateKey } = this.identity;
    const { issuer, serial } = issuerAndSerial(certificate);
    const attribute = (type: string, value: Asn1) => seq([oid(type), set([value])]);
    const essCertIdV2 = seq([
      // hashAlgorithm is left out: DER omits a DEFAULT value, and the default is SHA-256.
      octets(sha256(certificate)),
      seq([seq([tagged(4, [issuer])]), serial]),
    ]);
    const signedAttributes = derSorted([
      attribute(OID.contentType, oid(OID.data)),
      attribute(OID.messageDigest, octets(sha256(content))),
      attribute(OID.signingCertificateV2, seq([seq([essCertIdV2])])),
    ]);
    // The signature covers the attributes as a SET; the SignerInfo carries them as [0].
    const signature = sign('sha256', toDer(set(signedAttributes)), privateKey);
    const sha256Algorithm = seq([oid(OID.sha256)]);
    const signerInfo = seq([
      int(1),
      seq([issuer, serial]),
      sha256Algorithm,
      tagged(0, signedAttributes),
      seq([oid(OID.rsaEncryption), nul()]),
      octets(signature),
    ]);
    const signedData = seq([
      int(1),
      set([sha256Algorithm]),
      seq([oid(OID.data)]),
      tagged(0, [certificate, ...chain].map(fromDer)),
      set([signerInfo]),
    ]);
    return toDer(seq([oid(OID.signedData), tagged(0, [signedData])]));
  }
}
