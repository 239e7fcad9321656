import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports CPU time in /proc in ticks of 1/100 s (USER_HZ), whatever the kernel's HZ. */
const TICK_MS = 10;

/** Resident memory of a process, in bytes, from /proc/<pid>/status (null once it is gone). */
export function rssBytes(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in ms. */
export function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/**
 * CPU time of one PostgreSQL server: the postmaster with the children it has reaped (cutime,
 * cstime: exited backends, parallel workers, autovacuum workers) plus the children still
 * running — only those, the machine may run other clusters.
 */
export function postgresCpuMs(postmasterPid: number): number {
  let total = 0;
  try {
    const stat = readFileSync(`/proc/${postmasterPid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    total = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS;
  } catch {
    return 0;
  }
  for (const entry of readdirSync('/proc')) {
    if (/^\d+$/.test(entry) && parentOf(Number(entry)) === postmasterPid) {
      total += cpuMs(Number(entry)) ?? 0;
    }
  }
  return total;
}

/** The machine, as /proc and os report it. */
export function loadAverage(): number[] {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
}

/**
 * Samples a process's RSS every `everyMs` while running; `stop()` answers the peak and the
 * last sample.
 */
export function sampleRss(pid: number, everyMs = 250): { stop(): { peak: number; last: number } } {
  let peak = rssBytes(pid) ?? 0;
  let last = peak;
  const timer = setInterval(() => {
    const v = rssBytes(pid);
    if (v === null) return;
    last = v;
    if (v > peak) peak = v;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return { peak, last };
    },
  };
}
