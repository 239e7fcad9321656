import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';

interface Layer {
  name: string;
  folders: Record<string, string>;
}

const BEGIN = '<!-- BEGIN GENERATED: npm run docs:architecture -->';
const END = '<!-- END GENERATED -->';

export function architectureLayers(): Layer[] {
  const file = join(projectRoot(), 'docs', 'architecture.layers.json');
  const parsed: { layers: Layer[] } = JSON.parse(readFileSync(file, 'utf8'));
  return parsed.layers;
}

/** Folders of src/ that the layer table does not place. */
export function unplacedFolders(layers = architectureLayers()): string[] {
  const placed = new Set(layers.flatMap((l) => Object.keys(l.folders)));
  const src = join(projectRoot(), 'src');
  return readdirSync(src).filter((f) => statSync(join(src, f)).isDirectory() && !placed.has(f));
}

/** The layers as a Mermaid diagram, top (entry points) to bottom, each arrow "may import". */
export function layerDiagram(layers = architectureLayers()): string {
  const lines = ['flowchart TD'];
  const ids = layers.map((_, i) => `L${i}`);
  [...layers].reverse().forEach((layer, r) => {
    const i = layers.length - 1 - r;
    const folders = Object.keys(layer.folders).join(' · ');
    lines.push(`    ${ids[i]}["<b>${layer.name}</b><br/>${folders}"]`);
  });
  for (let i = layers.length - 1; i > 0; i--) lines.push(`    ${ids[i]} --> ${ids[i - 1]}`);
  return lines.join('\n');
}

/** What each folder owns, and the folders below it that it may import. */
export function folderTable(layers = architectureLayers()): string {
  const rows = layers.flatMap((layer, i) =>
    Object.entries(layer.folders).map(([folder, owns]) => {
      const below = layers.slice(0, i).flatMap((l) => Object.keys(l.folders));
      const where = folder === 'app' ? '`src/*.ts`' : `\`src/${folder}/\``;
      return `| ${where} | ${layer.name} | ${owns} | ${below.join(', ') || '—'} |`;
    }),
  );
  return [
    '| folder | layer | owns | may import |',
    '|---|---|---|---|',
    ...[...rows].reverse(),
  ].join('\n');
}

/** docs/architecture.md with its generated block replaced. */
export function renderArchitectureDoc(current: string, layers = architectureLayers()): string {
  const block = `${BEGIN}\n\n\`\`\`mermaid\n${layerDiagram(layers)}\n\`\`\`\n\n${folderTable(layers)}\n\n${END}`;
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (start < 0 || end < 0)
    throw new Error('docs/architecture.md lost its generated-block markers');
  return current.slice(0, start) + block + current.slice(end + END.length);
}
