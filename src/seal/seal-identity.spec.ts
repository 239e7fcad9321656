import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { ConfigError, parseConfig, type AppConfig } from '../common/config/config';
import { loadConfig } from '../load-config';
import { DEV_P12_PASSWORD, devSealIdentity, selfSignedP12 } from './dev-seal-certificate';
import { identityFromP12 } from './seal-identity';
import { SealKeyring } from './seal-keyring';

jest.setTimeout(60_000);

const CENTRE = {
  id: '0f8e3c2a-1b2c-4d5e-8f90-123456789abc',
  name: '上海市浦东新区金融纠纷人民调解委员会',
};
const OTHER = { id: '7d1c9b4e-2f3a-4b5c-9d6e-0a1b2c3d4e5f', name: '北京市朝阳区金融纠纷调解中心' };
const JWT_SECRET = 'x'.repeat(40);

let root: string;
let dir: string;
beforeAll(() => (root = mkdtempSync(join(process.env.TEST_ROOT ?? tmpdir(), 'seal-identity-'))));
beforeEach(() => (dir = mkdtempSync(join(root, 'case-'))));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const configFor = (env: Record<string, string>): AppConfig =>
  parseConfig({ DATA_DIR: dir, JWT_SECRET, ...env });

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

/** A real PKCS#12 file on disk, as an operator would configure. */
function p12File(name: string, password: string, validity?: { notBefore: Date; years: number }) {
  const path = join(dir, name);
  const subject = {
    commonName: '上海市浦东新区金融纠纷人民调解委员会',
    organization: '某某',
    country: 'CN',
  };
  writeFileSync(path, selfSignedP12(subject, password, validity));
  return path;
}

describe('the development seal certificate', () => {
  it('is generated once into DATA_DIR, private, and reused on later starts', () => {
    const first = devSealIdentity(dir, CENTRE);
    expect(first.created).toBe(true);
    expect(first.path).toBe(join(dir, 'seal', `dev-${CENTRE.id}.p12`));
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    const bytes = readFileSync(first.path);

    const again = devSealIdentity(dir, CENTRE);
    expect(again.created).toBe(false);
    expect(again.identity.certificateSha256).toBe(first.identity.certificateSha256);
    expect(readFileSync(first.path).equals(bytes)).toBe(true);
  });

  it('says in its subject, in correct Chinese, that it is a development certificate', () => {
    const { path } = devSealIdentity(dir, CENTRE);
    const pfx = forge.pkcs12.pkcs12FromAsn1(
      forge.asn1.fromDer(readFileSync(path).toString('binary')),
      DEV_P12_PASSWORD,
    );
    const cert = pfx.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag]![0].cert!;
    const cn = `${CENTRE.name}（开发用自签名证书，不具法律效力）`;
    // The name is a UTF8String (tag 12) holding the UTF-8 bytes once, not twice encoded.
    const field = cert.subject.getField('CN') as forge.pki.CertificateField;
    expect(Number(field.valueTagClass)).toBe(forge.asn1.Type.UTF8);
    expect(Buffer.from(String(field.value), 'binary').toString('utf8')).toBe(cn);
    const identity = identityFromP12(readFileSync(path), DEV_P12_PASSWORD);
    expect(identity.commonName).toBe(cn);
    expect(identity.organization).toBe(CENTRE.name);
    expect(cert.subject.getField('C')?.value).toBe('CN');
    expect(cert.isIssuer(cert)).toBe(true);
  });

  it('keeps a long centre name within the 64 characters of a common name', () => {
    const long = { id: OTHER.id, name: '某'.repeat(80) };
    const { identity } = devSealIdentity(dir, long);
    expect([...identity.commonName].length).toBeLessThanOrEqual(64);
    expect(identity.commonName).toMatch(/（开发用自签名证书，不具法律效力）$/);
  });
});

describe('SealKeyring', () => {
  it('gives each centre its own development certificate, the same after a restart', () => {
    const config = configFor({});
    const keyring = new SealKeyring(config);
    const a = keyring.forCentre(CENTRE);
    expect(keyring.forCentre(CENTRE)).toBe(a);
    expect(keyring.forCentre(OTHER).certificateSha256).not.toBe(a.certificateSha256);
    expect(new SealKeyring(configFor({})).forCentre(CENTRE).certificateSha256).toBe(
      a.certificateSha256,
    );
  });

  it('uses a centre’s own certificate over the default, and the default for the others', () => {
    const own = p12File('own.p12', 'own-secret');
    const shared = p12File('shared.p12', 'shared-secret');
    const suffix = CENTRE.id.toUpperCase().replace(/-/g, '_');
    const keyring = new SealKeyring(
      configFor({
        SEAL_P12_PATH: shared,
        SEAL_P12_PASSWORD: 'shared-secret',
        [`SEAL_P12_PATH_${suffix}`]: own,
        [`SEAL_P12_PASSWORD_${suffix}`]: 'own-secret',
      }),
    );
    const sha = (path: string, password: string) =>
      identityFromP12(readFileSync(path), password).certificateSha256;
    expect(keyring.forCentre(CENTRE).certificateSha256).toBe(sha(own, 'own-secret'));
    expect(keyring.forCentre(OTHER).certificateSha256).toBe(sha(shared, 'shared-secret'));
  });

  it('refuses to seal with a certificate outside its validity', () => {
    const keyring = new SealKeyring(configFor({}));
    expect(() => keyring.forCentre(CENTRE, new Date('2101-01-01T00:00:00Z'))).toThrow(/not now/);
  });

  it('never generates a certificate in production', () => {
    const config = { ...configFor({}), nodeEnv: 'production' };
    expect(() => new SealKeyring(config).forCentre(CENTRE)).toThrow(/production/);
  });
});

describe('seal configuration', () => {
  it('requires SEAL_P12_PATH in production, and a password with every path', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET };
    expect(errorOf(() => parseConfig(production)).message).toBe(
      'SEAL_P12_PATH: required when NODE_ENV=production',
    );
    expect(errorOf(() => parseConfig({ SEAL_P12_PATH: '/x.p12' })).variable).toBe(
      'SEAL_P12_PASSWORD',
    );
    expect(errorOf(() => parseConfig({ SEAL_P12_PASSWORD: 'p' })).variable).toBe('SEAL_P12_PATH');
  });

  it('reads a centre’s own certificate by its id, and refuses a suffix that is not one', () => {
    const config = parseConfig({
      SEAL_P12_PATH_0F8E3C2A_1B2C_4D5E_8F90_123456789ABC: '/etc/seal/pudong.p12',
      SEAL_P12_PASSWORD_0F8E3C2A_1B2C_4D5E_8F90_123456789ABC: 'pudong secret ',
    });
    expect(config.seal.default).toBeNull();
    expect(config.seal.centres[CENTRE.id]).toMatchObject({
      path: '/etc/seal/pudong.p12',
      password: 'pudong secret ',
    });
    const bad = errorOf(() =>
      parseConfig({ SEAL_P12_PATH_PUDONG: '/x', SEAL_P12_PASSWORD_PUDONG: 'p' }),
    );
    expect(bad.variable).toMatch(/^SEAL_P12_(PATH|PASSWORD)_PUDONG$/);
  });

  it('opens the configured file at start-up, naming the variable when it cannot', () => {
    const path = p12File('seal.p12', 'right');
    const load = (env: Record<string, string>) => () =>
      loadConfig({ DATA_DIR: dir, JWT_SECRET, ...env });
    const missing = errorOf(load({ SEAL_P12_PATH: join(dir, 'nope.p12'), SEAL_P12_PASSWORD: 'x' }));
    expect(missing.message).toMatch(/^SEAL_P12_PATH: cannot read .*nope\.p12 \(ENOENT\)$/);
    const wrong = errorOf(load({ SEAL_P12_PATH: path, SEAL_P12_PASSWORD: 'wrong' }));
    expect(wrong.message).toMatch(
      /^SEAL_P12_PASSWORD: does not open the PKCS#12 file SEAL_P12_PATH \(/,
    );
    writeFileSync(join(dir, 'text.p12'), 'not a certificate');
    const text = errorOf(load({ SEAL_P12_PATH: join(dir, 'text.p12'), SEAL_P12_PASSWORD: 'x' }));
    expect(text.message).toMatch(/^SEAL_P12_PATH: .*text\.p12 is not a PKCS#12 file$/);
    const expired = p12File('expired.p12', 'right', {
      notBefore: new Date('2020-01-01T00:00:00Z'),
      years: 1,
    });
    const old = errorOf(load({ SEAL_P12_PATH: expired, SEAL_P12_PASSWORD: 'right' }));
    expect(old.message).toMatch(
      /^SEAL_P12_PATH: the certificate .* valid from 2020-01-01 to 2021-01-01/,
    );

    const config = loadConfig({
      DATA_DIR: dir,
      JWT_SECRET,
      SEAL_P12_PATH: path,
      SEAL_P12_PASSWORD: 'right',
    });
    expect(config.seal.default?.path).toBe(path);
  });
});
