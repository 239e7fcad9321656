import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES } from '../cases/case.entity';
import type { Locale } from '../cases/case.entity';
import { projectRoot } from '../common/project-root';

/**
 * The message catalogues of the pages, JSON files per locale under templates/pages/messages/.
 * Every text of a page comes from here, so the language switch changes all of it; a missing
 * key throws (a page with a hole is a bug, not a blank).
 */
export type Catalogue = { [key: string]: string | string[][] | Catalogue };
export type MessageParams = Record<string, unknown>;

export const DEFAULT_LOCALE: Locale = 'zh-CN';

const cache = new Map<Locale, Catalogue>();

const messagesDir = () => join(projectRoot(), 'templates', 'pages', 'messages');

/**
 * Merges a part into the catalogue; a text defined twice is an error, so two parts can never
 * silently disagree on it. Lists (`apiPatterns`) are joined, the main file's first.
 */
function mergeInto(target: Catalogue, part: Catalogue, file: string, prefix = ''): void {
  for (const [key, value] of Object.entries(part)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const existing = target[key];
    const bothGroups =
      existing !== undefined &&
      typeof existing === 'object' &&
      !Array.isArray(existing) &&
      typeof value === 'object' &&
      !Array.isArray(value);
    if (bothGroups) mergeInto(existing, value, file, path);
    else if (Array.isArray(existing) && Array.isArray(value)) target[key] = [...existing, ...value];
    else if (existing !== undefined)
      throw new Error(`${file}: page message "${path}" is defined twice`);
    else target[key] = value;
  }
}

/**
 * `<locale>.json`, then every `<part>.<locale>.json` beside it (the pages of one feature keep
 * their texts in a file of their own), merged.
 */
export function catalogue(locale: Locale): Catalogue {
  let c = cache.get(locale);
  if (!c) {
    const read = (file: string) =>
      JSON.parse(readFileSync(join(messagesDir(), file), 'utf8')) as Catalogue;
    c = read(`${locale}.json`);
    const parts = readdirSync(messagesDir())
      .filter((f) => f.endsWith(`.${locale}.json`))
      .sort();
    for (const file of parts) mergeInto(c, read(file), file);
    cache.set(locale, c);
  }
  return c;
}

/** Loads every catalogue now, so a broken file stops start-up rather than a page. */
export function assertCatalogues(): void {
  for (const locale of LOCALES) catalogue(locale);
}

/** What each dotted key of a catalogue names, found once: a page looks up hundreds of texts. */
const found = new WeakMap<Catalogue, Map<string, unknown>>();
const FOUND_KEYS_CAP = 20_000;

function lookup(c: Catalogue, key: string): unknown {
  let known = found.get(c);
  if (!known) found.set(c, (known = new Map()));
  if (known.has(key)) return known.get(key);
  let node: unknown = c;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) {
      node = undefined;
      break;
    }
    node = (node as Catalogue)[part];
  }
  if (known.size < FOUND_KEYS_CAP) known.set(key, node);
  return node;
}

const fill = (text: string, params: MessageParams) =>
  text.includes('{')
    ? text.replace(/\{(\w+)\}/g, (m, name: string) =>
        params[name] === undefined ? m : String(params[name]),
      )
    : text;

export function hasMessage(locale: Locale, key: string): boolean {
  return typeof lookup(catalogue(locale), key) === 'string';
}

export function translate(locale: Locale, key: string, params: MessageParams = {}): string {
  const text = lookup(catalogue(locale), key);
  if (typeof text !== 'string') throw new Error(`no ${locale} page message "${key}"`);
  return fill(text, params);
}

/**
 * A message of the API (validation and service errors are written in English) in the
 * page's language: an exact entry of `apiMessages`, else the first matching pattern of
 * `apiPatterns` (`[regex, text with {1}…]`), else the API's own words.
 */
export function translateApiMessage(locale: Locale, message: string): string {
  const c = catalogue(locale);
  const exact = lookup(c, 'apiMessages');
  if (exact && typeof exact === 'object' && !Array.isArray(exact)) {
    const hit = (exact as Catalogue)[message];
    if (typeof hit === 'string') return hit;
  }
  const patterns = c.apiPatterns;
  if (Array.isArray(patterns)) {
    for (const [source, text] of patterns) {
      const m = new RegExp(source).exec(message);
      if (m) return text.replace(/\{(\d)\}/g, (_, i: string) => m[Number(i)] ?? '');
    }
  }
  return message;
}
