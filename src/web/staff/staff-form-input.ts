import type { FormBody, FormState } from '../page-forms';

/** What a `datetime-local` input sends: Beijing wall time without an offset. */
const LOCAL = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?$/;
const WITH_BEIJING_OFFSET = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}):00\+08:00$/;
const TIME_FIELDS = ['startsAt', 'endsAt'];

/**
 * The session forms' times as the API takes them: a page's `datetime-local` is Beijing time
 * (every time on a page is), so `2026-12-03T10:00` becomes `2026-12-03T10:00:00+08:00`.
 */
export function staffFormInput(body: FormBody): FormBody {
  if (!body || typeof body !== 'object') return body;
  const out: FormBody = { ...body };
  for (const name of TIME_FIELDS) {
    const value = out[name];
    const m = typeof value === 'string' ? LOCAL.exec(value.trim()) : null;
    if (m) out[name] = `${m[1]}:00+08:00`;
  }
  return out;
}

/** A refused form shown again: its times back in the `datetime-local` form the input shows. */
export function staffFormShown(form: FormState): FormState {
  const values = { ...form.values };
  for (const name of TIME_FIELDS) {
    const m = WITH_BEIJING_OFFSET.exec(values[name] ?? '');
    if (m) values[name] = m[1];
  }
  return { ...form, values };
}
