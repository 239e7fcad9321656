/**
 * The load generator, in a process of its own so that it never shares an event loop with what
 * it measures: reads a LoadSpec from the JSON file named by argv[2], runs autocannon, prints
 * one LoadResult as JSON on stdout.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PipelinedRequestsQueue = require('autocannon/lib/pipelinedRequestsQueue');

/**
 * autocannon decodes every response body into a string (`req.body += chunk`, a UTF-8 decode
 * per chunk) for `onResponse`, `verifyBody` and `expectBody`, none of which a LoadSpec can
 * carry (it is JSON). For the agreement PDF (108 KB of binary) that decoding was 86 % of the
 * load generator's CPU: a whole core at ~400 req/s, even against a server that sends a fixed
 * buffer, so it, not the service, set the PDF's figures. Bytes are counted apart
 * (`addByteCount`), so the results do not change; a version without the method fails here.
 */
if (typeof PipelinedRequestsQueue.prototype.addBody !== 'function') {
  throw new Error('autocannon no longer has PipelinedRequestsQueue#addBody: review load-runner.ts');
}
PipelinedRequestsQueue.prototype.addBody = function keepNoBody(): void {};

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  /** Connection k sends sequences[k % length] over and over, e.g. request_info then resubmit. */
  sequences: LoadRequest[][];
}

export interface LoadResult {
  seconds: number;
  requests: number;
  rps: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  bytesPerRequest: number;
  /** CPU the load generator itself used. */
  cpuMs: number;
}

async function main(): Promise<void> {
  const spec = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LoadSpec;
  let next = 0;
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    requests: spec.sequences[0],
    setupClient: (client) => client.setRequests(spec.sequences[next++ % spec.sequences.length]),
  });
  const requests = result.requests.total;
  const statusCodes: Record<string, number> = {};
  for (const [code, v] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = v.count ?? 0;
  const out: LoadResult = {
    seconds: result.duration,
    requests,
    rps: Math.round((requests / result.duration) * 10) / 10,
    latencyMs: {
      mean: result.latency.mean,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    bytesPerRequest: requests ? Math.round(result.throughput.total / requests) : 0,
    cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`load runner: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
}
