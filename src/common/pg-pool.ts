import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** The `pg` pool behind a PostgreSQL DataSource (graphile-worker and the rate limiter share it). */
export function poolOf(dataSource: DataSource): Pool {
  const driver = dataSource.driver;
  if (!(driver instanceof PostgresDriver)) throw new Error('the data source is not PostgreSQL');
  const pool: Pool = driver.master;
  return pool;
}
