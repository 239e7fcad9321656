import type TestAgent from 'supertest/lib/agent';
import type { TestApp } from '../harness';
import { browserAgent, csrfOf, submit } from '../web-pages';

/** The smallest files the evidence check takes, by their content. */
export const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.alloc(64),
]);
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** A browser without JavaScript, signed in on /login as this person. */
export async function signedIn(t: TestApp, email: string, password: string): Promise<TestAgent> {
  const agent = await browserAgent(t);
  await submit(agent, '/login', '/login', { email, password }, 303);
  return agent;
}

/** Uploads a file through a page's multipart form, with the token its page rendered. */
export async function uploadOnPage(
  agent: TestAgent,
  formPage: string,
  action: string,
  file: Buffer,
  filename: string,
) {
  const page = await agent.get(formPage).expect(200);
  return agent.post(`${action}?_csrf=${csrfOf(page.text)}`).attach('file', file, { filename });
}

/** The text of the element with this id (a field's error: `f-<name>-error`), tags removed. */
export function textOf(html: string, id: string): string | null {
  const m = new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</(div|p|section)>`).exec(html);
  return m ? m[1].replace(/<[^>]+>/g, '').trim() : null;
}

/** The `value` of the input with this name, as the page renders it. */
export function inputValue(html: string, name: string): string | null {
  const tag = new RegExp(`<input[^>]*name="${name.replace(/\./g, '\\.')}"[^>]*>`).exec(html)?.[0];
  return tag ? (/value="([^"]*)"/.exec(tag)?.[1] ?? '') : null;
}

export const count = async (t: TestApp, sql: string, params: unknown[] = []) =>
  (await t.dataSource.query(sql, params))[0].n as number;
