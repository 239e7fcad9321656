import { ConfigError } from '../common/config/config';
import { loadConfig } from '../load-config';
import { openDatabase } from '../database/database';

/** `npm run migration:run`: applies pending migrations (on the embedded server when DATABASE_URL is unset). */
async function main() {
  const db = await openDatabase(loadConfig(), (l) => console.error(l));
  console.error('migrations are up to date');
  await db.close();
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? `configuration error: ${e.message}` : e);
  process.exit(1);
});
