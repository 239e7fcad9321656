// The direction of the house (docs/architecture.md): each folder of src/ imports only folders
// of lower layers. Generated from docs/architecture.layers.json; `npm run check` runs it.
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { layers } = require('./docs/architecture.layers.json');

const APP = 'app'; // the entry files at the root of src/, not a folder
const pathOf = (folder) => (folder === APP ? '^src/[^/]+\\.ts$' : `^src/${folder}/`);
const rank = new Map();
layers.forEach((layer, i) => Object.keys(layer.folders).forEach((f) => rank.set(f, i)));

const onDisk = readdirSync(join(__dirname, 'src')).filter((f) =>
  statSync(join(__dirname, 'src', f)).isDirectory(),
);
const unplaced = onDisk.filter((f) => !rank.has(f));
if (unplaced.length) {
  throw new Error(
    `src/${unplaced.join(', src/')} has no layer: add it to docs/architecture.layers.json`,
  );
}

const forbidden = [...rank.keys()].flatMap((from) => {
  const notBelow = [...rank.keys()].filter((to) => to !== from && rank.get(to) >= rank.get(from));
  if (notBelow.length === 0) return []; // the top layer may import anything
  return {
    name: `layer:${from}`,
    comment: `${from} imports only folders of lower layers (docs/architecture.md)`,
    severity: 'error',
    from: { path: pathOf(from) },
    to: { path: notBelow.map(pathOf) },
  };
});
forbidden.push({
  name: 'workflow-is-pure',
  comment: 'the workflow core runs without Nest and without a database',
  severity: 'error',
  from: { path: '^src/workflow/' },
  to: { path: '^node_modules/(@nestjs/(common|core|typeorm|platform-fastify)|typeorm|pg)/' },
});
forbidden.push({
  name: 'no-circular',
  comment: 'no import cycle, type-only imports included',
  severity: 'error',
  from: { path: '^src/' },
  to: { circular: true },
});

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.spec\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['cjs', 'es6'],
  },
};
