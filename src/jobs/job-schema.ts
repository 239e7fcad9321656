import { runMigrations } from 'graphile-worker';
import { quietJobLogger } from './job-logger';

/** Installs (or upgrades) graphile-worker's schema in a database. */
export async function installJobSchema(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: quietJobLogger(() => undefined) });
}
