import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { TestApp } from './harness';

/**
 * Supertest as a browser without JavaScript: one cookie jar per agent, forms posted
 * urlencoded with the CSRF token the page rendered.
 */
export async function browserAgent(t: TestApp): Promise<TestAgent> {
  const url = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  return request.agent(url);
}

/** The token of the page's forms: a hidden `_csrf` field, or an upload form's `?_csrf=`. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html) ?? /[?&]_csrf=([^"&]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1];
}

export const dataPage = (html: string) => /<main[^>]*data-page="([^"]+)"/.exec(html)?.[1];

/** GETs the form's page, then posts the fields with its token, as a browser would. */
export async function submit(
  agent: TestAgent,
  formPage: string,
  action: string,
  fields: Record<string, string>,
  status: number,
) {
  const page = await agent.get(formPage).expect(200);
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfOf(page.text), ...fields })
    .expect(status);
}

export const setCookie = (res: { headers: Record<string, unknown> }, name: string) =>
  ([] as string[])
    .concat((res.headers['set-cookie'] as string[] | undefined) ?? [])
    .find((c) => c.startsWith(`${name}=`));

/**
 * Signs a new person up through the pages, then in, as they would: sign-up answers the same
 * for a new address and a known one, so it leads to the login page. Answers the sign-in.
 */
export async function signUpInBrowser(
  agent: TestAgent,
  fields: { email: string; password: string } & Record<string, string>,
) {
  const reg = await submit(agent, '/register', '/register', fields, 303);
  if (reg.headers.location !== '/login') throw new Error(`sign-up led to ${reg.headers.location}`);
  return submit(agent, '/login', '/login', { email: fields.email, password: fields.password }, 303);
}
