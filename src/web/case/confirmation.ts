import { formValues } from '../page-forms';
import type { FormBody, FormState } from '../page-forms';

/**
 * Actions a page asks to confirm explicitly (a ticked box, so it works without JavaScript),
 * by the field that carries the confirmation: the API's own `confirm` where it has one.
 */
const CONFIRMATION: Record<string, string> = {
  withdraw: '_confirm',
  sign_agreement: 'confirm',
  confirm_agreement: '_confirm',
};
export const NOT_CONFIRMED = 'must be ticked to confirm';

/** The form again with "confirm it" beside the box, or null when the box was ticked. */
export function unconfirmed(action: string, body: FormBody): FormState | null {
  const field = CONFIRMATION[action];
  if (!field || body?.[field] === 'true') return null;
  return {
    values: formValues(body),
    errors: { [field]: [NOT_CONFIRMED] },
    alert: null,
    status: 400,
  };
}
