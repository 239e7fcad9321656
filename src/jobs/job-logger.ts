import { Logger as JobLogger } from 'graphile-worker';

/** graphile-worker's log, warnings and errors only, into ours. */
export function quietJobLogger(write: (level: string, message: string) => void): JobLogger {
  return new JobLogger(() => (level, message) => {
    if (level === 'error' || level === 'warning') write(level, message);
  });
}
