import { PutCalendarYearDto } from '../../calendar/calendar.dto';
import { createValidationPipe } from '../../common/errors/validation';
import { formFailure, formValues } from '../page-forms';
import type { FormState } from '../page-forms';

const pipe = createValidationPipe();

/** The date lists as typed: one a line, or separated by commas, 、 or spaces. */
export const dateList = (raw: string | undefined): string[] =>
  (raw ?? '').split(/[\s,，、;；]+/).filter((d) => d !== '');

/**
 * The admin's calendar form as the API's body (`PUT /admin/calendar/:year`): the two textareas
 * become the DTO's lists, checked by the same ValidationPipe.
 */
export async function bindCalendarYear(body: unknown): Promise<PutCalendarYearDto> {
  const values = formValues(body);
  const json = {
    holidays: dateList(values.holidays),
    makeupWorkdays: dateList(values.makeupWorkdays),
    ...(values.notice?.trim() ? { notice: values.notice } : {}),
  };
  return (await pipe.transform(json, {
    type: 'body',
    metatype: PutCalendarYearDto,
  })) as PutCalendarYearDto;
}

/**
 * A refusal shown beside the textarea it is about: the API names one date of a list
 * (`holidays.3`), and its message names the date, so it is shown beside `holidays`.
 */
export function calendarFailure(e: unknown, body: unknown): FormState {
  const form = formFailure(e, formValues(body));
  const errors: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(form.errors)) {
    const list = field.replace(/\.\d+$/, '');
    errors[list] = [...new Set([...(errors[list] ?? []), ...messages])];
  }
  return { ...form, errors };
}
