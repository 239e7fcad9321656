import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { poolOf } from '../common/pg-pool';
import { describeError } from '../common/logging/safe-error';

const GUARDED = Symbol('pool-guarded');

/**
 * A `pg` client whose server goes away emits `error`; with no listener that
 * is an uncaught exception and the process ends. The pool listens to its idle
 * clients only, so a client checked out but between queries (a transaction
 * waiting on the application, graphile-worker's LISTEN connection) needs its
 * own listener. The error itself needs no handling: the pool drops the
 * client, and the next query finds the database down (503) or back.
 */
export function guardPool(pool: Pool, warn: (message: string) => void): void {
  const marked = pool as Pool & { [GUARDED]?: true };
  if (marked[GUARDED]) return;
  marked[GUARDED] = true;
  let last = 0;
  // One line per burst: an outage drops every connection at once.
  const report = (e: unknown) => {
    if (Date.now() - last < 10_000) return;
    last = Date.now();
    warn(`database connection lost: ${describeError(e)}`);
  };
  pool.on('error', report);
  // On connect and on acquire: clients opened before this call are covered too.
  const guarded = new WeakSet<PoolClient>();
  const guard = (client: PoolClient) => {
    if (guarded.has(client)) return;
    guarded.add(client);
    client.on('error', report);
  };
  pool.on('connect', guard);
  pool.on('acquire', guard);
}

/** Guards the application's pool as soon as the application starts. */
@Injectable()
export class PoolGuard implements OnModuleInit {
  private readonly logger = new Logger('Database');

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    guardPool(poolOf(this.dataSource), (m) => this.logger.warn(m));
  }
}
