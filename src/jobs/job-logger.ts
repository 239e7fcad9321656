import { Logger as JobLogger } from 'graphile-worker';
import { scrubQuotedValues } from '../common/logging/safe-error';

/** graphile-worker's log, warnings and errors only, into ours, without the values an error quotes. */
export function quietJobLogger(write: (level: string, message: string) => void): JobLogger {
  return new JobLogger(() => (level, message) => {
    if (level === 'error' || level === 'warning') write(level, scrubQuotedValues(message));
  });
}
