import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

export interface Started {
  name: string;
  child: ChildProcess;
  pid: number;
  /** Milliseconds from spawn to ready (the health check's first 200, or READY on stdout). */
  readyMs: number;
  /** SIGTERM, then SIGKILL after 25 s; answers how long it took to exit. */
  stop(): Promise<number>;
}

const running = new Set<ChildProcess>();
let pidFile: string | null = null;

function remember(): void {
  if (!pidFile) return;
  const pids = [...running].map((c) => ({ pid: c.pid, args: c.spawnargs.join(' ') }));
  writeFileSync(pidFile, JSON.stringify(pids));
}

/**
 * Children die with the bench: on its exit, on Ctrl-C, and — for a bench that was killed
 * outright — at the next start, from the pid file, if the pid still runs the same command.
 */
export function superviseChildren(dir: string): void {
  pidFile = join(dir, 'children.json');
  if (existsSync(pidFile)) {
    for (const { pid, args } of JSON.parse(readFileSync(pidFile, 'utf8')) as {
      pid: number;
      args: string;
    }[]) {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
        if (cmdline === args.trim()) {
          process.stderr.write(`stopping process ${pid} left by an earlier bench (${args})\n`);
          process.kill(pid, 'SIGKILL');
        }
      } catch {
        // Gone already.
      }
    }
  }
  remember();
  const killAll = () => {
    for (const c of running) c.kill('SIGKILL');
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

export interface SpawnOptions {
  name: string;
  args: string[];
  env: Record<string, string>;
  /** The child's stderr (and stdout unless it is needed for READY) go here. */
  logFile: string;
  /** Ready once this answers true (polled every 20 ms), or when the child prints READY. */
  ready: 'stdout' | (() => Promise<boolean>);
  /** stdout to /dev/null, e.g. the service's request log under load. */
  quietStdout?: boolean;
  timeoutMs?: number;
}

/** Starts a Node process (the bench's own Node) and waits until it is ready. */
export async function startNode(o: SpawnOptions): Promise<Started> {
  const log = createWriteStream(o.logFile, { flags: 'a' });
  const t0 = performance.now();
  const child = spawn(process.execPath, o.args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...o.env },
    stdio: ['ignore', o.quietStdout && o.ready !== 'stdout' ? 'ignore' : 'pipe', 'pipe'],
  });
  running.add(child);
  remember();
  child.stderr!.pipe(log, { end: false });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  void exited.then(() => {
    running.delete(child);
    remember();
  });
  let sawReady = false;
  if (child.stdout) {
    child.stdout.on('data', (chunk: Buffer) => {
      if (o.ready === 'stdout' && chunk.toString().includes('READY')) sawReady = true;
      if (!(o.ready === 'stdout' && o.quietStdout)) log.write(chunk);
    });
  }
  const deadline = Date.now() + (o.timeoutMs ?? 180_000);
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  for (;;) {
    if (gone !== undefined) {
      throw new Error(`${o.name} exited (${gone}) before it was ready; see ${o.logFile}`);
    }
    if (o.ready === 'stdout' ? sawReady : await o.ready().catch(() => false)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${o.name} was not ready within ${(o.timeoutMs ?? 180_000) / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const readyMs = Math.round(performance.now() - t0);
  return {
    name: o.name,
    child,
    pid: child.pid!,
    readyMs,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return 0;
      const s = performance.now();
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 25_000);
      await exited;
      clearTimeout(force);
      return Math.round(performance.now() - s);
    },
  };
}

/** `url` answers 200. */
export async function answers200(url: string): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
  await res.arrayBuffer();
  return res.status === 200;
}

/** Runs a Node script to its end (e.g. `nest build`), failing with its output. */
export async function runNode(args: string[], logFile: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  writeFileSync(logFile, out);
  if (code !== 0) throw new Error(`${args.join(' ')} failed (${code}):\n${out.slice(-2000)}`);
  return Math.round(performance.now() - t0);
}
