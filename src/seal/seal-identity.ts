import { createHash, createPrivateKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

/** A mediation centre's signing identity, as the seal needs it. */
export interface SealIdentity {
  privateKey: KeyObject;
  /** DER of the signing certificate. */
  certificate: Buffer;
  /** DER of the file's other certificates (its issuers), put into the signature for readers. */
  chain: Buffer[];
  commonName: string;
  organization: string | null;
  /** SHA-256 of `certificate`, lower-case hex: compare with `verifySealedPdf`'s answer. */
  certificateSha256: string;
  notBefore: Date;
  notAfter: Date;
}

/** Why a PKCS#12 file cannot be used: `password` when it does not open, `content` otherwise. */
export class SealIdentityError extends Error {
  constructor(
    readonly kind: 'password' | 'content',
    message: string,
  ) {
    super(message);
  }
}

const binary = (b: Buffer) => b.toString('binary');
const der = (node: forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');

/**
 * The text of a name attribute. node-forge keeps a parsed UTF8String as its raw bytes (it
 * decodes a BMPString itself), so a Chinese common name reads as mojibake unless decoded here.
 */
export function attributeText(field: forge.pki.CertificateField | null): string | null {
  if (!field || typeof field.value !== 'string') return null;
  // Typed as an ASN.1 class by @types/node-forge, it holds the value's ASN.1 type.
  const type: number | undefined = field.valueTagClass;
  if (type === forge.asn1.Type.UTF8) return forge.util.decodeUtf8(field.value);
  return field.value;
}

const sameKey = (key: forge.pki.rsa.PrivateKey, cert: forge.pki.Certificate) => {
  const publicKey = cert.publicKey as forge.pki.rsa.PublicKey;
  return publicKey.n?.equals(key.n) === true && publicKey.e.equals(key.e);
};

/** Opens a PKCS#12 (.p12/.pfx) file holding an RSA key and its certificate (and chain). */
export function identityFromP12(p12: Buffer, password: string): SealIdentity {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(binary(p12));
  } catch {
    throw new SealIdentityError('content', 'is not a PKCS#12 file');
  }
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    pfx = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (e) {
    // A wrong password shows as a MAC mismatch or as garbage where decrypted bags should be.
    const detail = e instanceof Error ? e.message : String(e);
    throw new SealIdentityError('password', `does not open the file (${detail})`);
  }
  const bagsOf = (bagType: string) => pfx.getBags({ bagType })[bagType] ?? [];
  const keys = [
    ...bagsOf(forge.pki.oids.pkcs8ShroudedKeyBag),
    ...bagsOf(forge.pki.oids.keyBag),
  ].flatMap((bag) => (bag.key ? [bag.key] : []));
  const certificates = bagsOf(forge.pki.oids.certBag).flatMap((bag) =>
    bag.cert ? [bag.cert] : [],
  );
  if (keys.length !== 1) {
    throw new SealIdentityError(
      'content',
      `holds ${keys.length} RSA private keys, expected one (the seal signs with RSA)`,
    );
  }
  const key = keys[0];
  const own = certificates.find((cert) => sameKey(key, cert));
  if (!own) {
    throw new SealIdentityError('content', 'holds no certificate for its private key');
  }
  // Re-encoding a parsed certificate reuses its captured to-be-signed part: these are its bytes.
  const toDer = (cert: forge.pki.Certificate) => der(forge.pki.certificateToAsn1(cert));
  const certificate = toDer(own);
  return {
    privateKey: createPrivateKey(forge.pki.privateKeyToPem(key)),
    certificate,
    chain: certificates.filter((cert) => cert !== own).map(toDer),
    commonName: attributeText(own.subject.getField('CN')) ?? '',
    organization: attributeText(own.subject.getField('O')),
    certificateSha256: createHash('sha256').update(certificate).digest('hex'),
    notBefore: own.validity.notBefore,
    notAfter: own.validity.notAfter,
  };
}
