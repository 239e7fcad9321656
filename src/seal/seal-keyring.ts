import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type SealP12Source } from '../common/config/config';
import { devSealIdentity } from './dev-seal-certificate';
import type { SealIdentity } from './seal-identity';
import { openSealSource } from './seal-source';

export interface SealCentre {
  /** The mediation centre's organisation id. */
  id: string;
  /** Its name, which a generated development certificate carries in its subject. */
  name: string;
}

/**
 * Which certificate seals a centre's agreements: its own (`SEAL_P12_PATH_<id>`), else the
 * default (`SEAL_P12_PATH`), else, outside production only, a development certificate generated
 * for that centre into DATA_DIR on first use. Files are opened once per process; start-up has
 * already checked every configured one (load-config).
 */
@Injectable()
export class SealKeyring {
  private readonly logger = new Logger('Seal');
  private readonly opened = new Map<string, SealIdentity>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  forCentre(centre: SealCentre, now = new Date()): SealIdentity {
    const source = this.config.seal.centres[centre.id.toLowerCase()] ?? this.config.seal.default;
    const identity = source ? this.configured(source) : this.development(centre);
    // Checked at start-up, but a long-running process can outlive its certificate: a seal made
    // with an expired one would be worthless, so refuse rather than sign.
    if (now < identity.notBefore || now > identity.notAfter) {
      throw new Error(
        `the seal certificate "${identity.commonName}" is valid from ` +
          `${identity.notBefore.toISOString()} to ${identity.notAfter.toISOString()}, not now`,
      );
    }
    return identity;
  }

  private configured(source: SealP12Source): SealIdentity {
    let identity = this.opened.get(source.path);
    if (!identity) {
      identity = openSealSource(source, new Date());
      this.opened.set(source.path, identity);
    }
    return identity;
  }

  private development(centre: SealCentre): SealIdentity {
    if (this.config.nodeEnv === 'production') {
      // parseConfig refuses production without SEAL_P12_PATH; this is the second lock.
      throw new Error('no seal certificate configured in production');
    }
    const key = `dev:${centre.id}`;
    let identity = this.opened.get(key);
    if (!identity) {
      const dev = devSealIdentity(this.config.dataDir, centre);
      if (dev.created) {
        this.logger.warn(`generated a development seal certificate (no legal effect): ${dev.path}`);
      }
      identity = dev.identity;
      this.opened.set(key, identity);
    }
    return identity;
  }
}
