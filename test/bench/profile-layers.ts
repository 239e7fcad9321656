import { readFileSync } from 'node:fs';

/**
 * Where a server's CPU went under load, by layer: reads a `.cpuprofile` (`BENCH_PROFILE=dir
 * npm run bench`, or `node --cpu-prof`) and charges each sample to the innermost frame that
 * belongs to a known layer. Start-up (module loading, Nest's bootstrap, templates compiled at
 * init) and idle time are left out, so the shares are those of the request path.
 *
 *   npx ts-node --transpile-only test/bench/profile-layers.ts <file.cpuprofile>
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const LAYERS: [RegExp, string][] = [
  [/passport|jsonwebtoken|jwa|jws/, 'authentication: passport + jsonwebtoken'],
  [/pino|sonic-boom|fast-redact/, 'request log: pino'],
  [/helmet/, 'security headers: helmet'],
  [/class-validator|class-transformer|\/validator\//, 'input: class-validator + class-transformer'],
  [/\/pg\/|\/pg-|postgres-/, 'pg driver: protocol and row parsing'],
  [/typeorm/, 'TypeORM: query runner'],
  [
    /@nestjs\/(core|common|platform-fastify)|rxjs|reflect-metadata|iterare/,
    'Nest: routing, guards, pipes, filters',
  ],
  [/fastify|find-my-way|avvio|fast-json|secure-json|fast-querystring|toad-cache/, 'Fastify'],
  [/graphile-worker/, 'job worker'],
];
const STARTUP =
  /Module\._load|compileSourceTextModule|onModuleInit|NestFactory|bootstrap|writeHeapSnapshot/;

function layerOf(url: string, fn: string): string | null {
  if (!url) return fn === '(garbage collector)' ? 'garbage collection' : null;
  for (const [re, name] of LAYERS) if (re.test(url)) return name;
  if (url.includes('/node_modules/'))
    return `other: ${/node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)![1]}`;
  if (url.includes('/src/') || url.includes('/test/bench/')) return 'application code';
  return null;
}

export function profileLayers(profile: Profile): { busyMs: number; layers: [string, number][] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stack = (id: number) => {
    const frames: ProfileNode[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur))
      frames.push(byId.get(cur)!);
    return frames;
  };
  const totals = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const frames = stack(id);
    const leaf = frames[0].callFrame;
    if (['(idle)', '(program)', '(root)'].includes(leaf.functionName)) return;
    if (
      frames.some(
        (f) => STARTUP.test(f.callFrame.functionName) || /modules\/(cjs|esm)/.test(f.callFrame.url),
      )
    )
      return;
    let layer: string | null = null;
    for (const f of frames) if ((layer = layerOf(f.callFrame.url, f.callFrame.functionName))) break;
    layer ??= 'Node core (http, streams, timers)';
    // A system call made on a layer's behalf: the kernel's share of the socket (loopback TCP).
    if (
      !leaf.url &&
      /^(writev|writeUtf8String|writeBuffer|writeLatin1String)$/.test(leaf.functionName)
    )
      layer = `socket writes, for ${layer}`;
    busy += profile.timeDeltas[i];
    totals.set(layer, (totals.get(layer) ?? 0) + profile.timeDeltas[i]);
  });
  const layers = [...totals]
    .sort((a, b) => b[1] - a[1])
    .map(([k, us]): [string, number] => [k, us / busy]);
  return { busyMs: busy / 1000, layers };
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: profile-layers.ts <file.cpuprofile>');
  const { busyMs, layers } = profileLayers(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  console.log(`${Math.round(busyMs)} ms busy (start-up and idle left out)`);
  for (const [name, share] of layers.filter(([, s]) => s >= 0.005))
    console.log(`${(share * 100).toFixed(1).padStart(5)} %  ${name}`);
}
