import { readFileSync } from 'node:fs';
import { ConfigError, type SealConfig, type SealP12Source } from '../common/config/config';
import { identityFromP12, SealIdentityError, type SealIdentity } from './seal-identity';

export const sealSources = (seal: SealConfig): SealP12Source[] => [
  ...(seal.default ? [seal.default] : []),
  ...Object.values(seal.centres),
];

/**
 * Opens a configured certificate, or throws a ConfigError naming the variable to fix: the path
 * when the file is missing, unreadable, not a usable PKCS#12 file or its certificate is not
 * valid `at`; the password when it does not open the file.
 */
export function openSealSource(source: SealP12Source, at: Date): SealIdentity {
  let bytes: Buffer;
  try {
    bytes = readFileSync(source.path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new ConfigError(source.pathVariable, `cannot read ${source.path} (${code})`);
  }
  let identity: SealIdentity;
  try {
    identity = identityFromP12(bytes, source.password);
  } catch (e) {
    if (!(e instanceof SealIdentityError)) throw e;
    if (e.kind === 'password') {
      const message = e.message.replace('the file', `the PKCS#12 file ${source.pathVariable}`);
      throw new ConfigError(source.passwordVariable, message);
    }
    throw new ConfigError(source.pathVariable, `${source.path} ${e.message}`);
  }
  const day = (d: Date) => d.toISOString().slice(0, 10);
  if (at < identity.notBefore || at > identity.notAfter) {
    throw new ConfigError(
      source.pathVariable,
      `the certificate of ${source.path} is valid from ${day(identity.notBefore)} to ` +
        `${day(identity.notAfter)}, not now`,
    );
  }
  return identity;
}
