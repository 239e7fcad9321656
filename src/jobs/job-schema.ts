/** Installs the job queue's schema (graphile-worker) in a database. Filled in with the worker. */
export async function installJobSchema(_url: string): Promise<void> {}
