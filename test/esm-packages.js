// Jest on Node 20 cannot load ESM-only packages (NestJS 12, graphile-worker,
// file-type, ...) by itself, so every package that declares "type": "module" is
// transformed to CommonJS by @swc/jest. Found by scanning, so a new dependency
// needs no edit here.
const fs = require('node:fs');
const path = require('node:path');

function isEsm(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).type === 'module';
  } catch {
    return false;
  }
}

function scan(nodeModules) {
  const found = [];
  if (!fs.existsSync(nodeModules)) return found;
  for (const name of fs.readdirSync(nodeModules)) {
    if (name.startsWith('.')) continue;
    const dir = path.join(nodeModules, name);
    if (name.startsWith('@')) {
      for (const sub of fs.readdirSync(dir)) {
        if (isEsm(path.join(dir, sub))) found.push(`${name}/${sub}`);
      }
    } else if (isEsm(dir)) {
      found.push(name);
    }
  }
  return found;
}

// CommonJS packages that load an ESM dependency with a dynamic import(), which jest's VM
// refuses: transformed too, so swc turns the import() into a require().
const DYNAMIC_IMPORTERS = ['@fastify/cookie'];

const esmPackages = [
  ...scan(path.resolve(__dirname, '..', 'node_modules')),
  ...DYNAMIC_IMPORTERS,
].map((n) => n.replace(/[.+]/g, '\\$&'));

module.exports = { esmPackages };
