import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { identityFromP12, type SealIdentity } from './seal-identity';

/**
 * The password of generated development files. Not a secret: the file is mode 0600 in DATA_DIR,
 * its certificate says in its own name that it has no legal effect, and a developer can open it
 * with `openssl pkcs12 -info -passin pass:development-only`.
 */
export const DEV_P12_PASSWORD = 'development-only';
export const DEV_CERTIFICATE_NOTICE = '（开发用自签名证书，不具法律效力）';
/** X.520's upper bound for a common name and an organisation name. */
const NAME_MAX = 64;

export interface CertificateSubject {
  commonName: string;
  organization: string;
  /** ISO 3166 two-letter code. */
  country: string;
}

/**
 * A self-signed RSA-2048 certificate and its key as a PKCS#12 file. Name attributes are
 * UTF8String: node-forge's default (PrintableString) would garble Chinese.
 */
export function selfSignedP12(
  subject: CertificateSubject,
  password: string,
  validity = { notBefore: new Date('2000-01-01T00:00:00Z'), years: 100 },
): Buffer {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  // A positive serial: the top bit of the first byte clear.
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  cert.serialNumber = serial.toString('hex');
  cert.validity.notBefore = validity.notBefore;
  const notAfter = new Date(validity.notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + validity.years);
  cert.validity.notAfter = notAfter;
  // @types/node-forge types this field as an ASN.1 class; node-forge reads it as the type.
  const utf8: forge.asn1.Class = forge.asn1.Type.UTF8 as number;
  const attributes = [
    { shortName: 'C', value: subject.country },
    { shortName: 'O', value: subject.organization, valueTagClass: utf8 },
    { shortName: 'CN', value: subject.commonName, valueTagClass: utf8 },
  ];
  cert.setSubject(attributes);
  cert.setIssuer(attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], password, {
    algorithm: 'aes256',
    friendlyName: subject.commonName,
  });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

/** The development subject for a centre: its name, and in the CN that it is not a real seal. */
export function devSubject(centreName: string): CertificateSubject {
  const name = centreName.trim() || '调解中心';
  return {
    commonName: name.slice(0, NAME_MAX - DEV_CERTIFICATE_NOTICE.length) + DEV_CERTIFICATE_NOTICE,
    organization: name.slice(0, NAME_MAX),
    country: 'CN',
  };
}

export interface DevSeal {
  identity: SealIdentity;
  path: string;
  /** True when this call made the file; false when it was already there. */
  created: boolean;
}

/**
 * A centre's development seal: `DATA_DIR/seal/dev-<centreId>.p12`, generated on first use and
 * read from there on, so the certificate stays the same across restarts. Two processes
 * generating at once both keep the file that was linked first.
 */
export function devSealIdentity(dataDir: string, centre: { id: string; name: string }): DevSeal {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(centre.id)) {
    throw new RangeError(`not a mediation centre id: ${JSON.stringify(centre.id)}`);
  }
  const folder = join(dataDir, 'seal');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const path = join(folder, `dev-${centre.id}.p12`);
  let created = false;
  try {
    return { identity: identityFromP12(readFileSync(path), DEV_P12_PASSWORD), path, created };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, selfSignedP12(devSubject(centre.name), DEV_P12_PASSWORD), {
    mode: 0o600,
    flag: 'wx',
  });
  chmodSync(temporary, 0o600);
  try {
    linkSync(temporary, path);
    created = true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    unlinkSync(temporary);
  }
  return { identity: identityFromP12(readFileSync(path), DEV_P12_PASSWORD), path, created };
}
