import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPageHandlebars, pageCompileOptions, pagePartials, pagesDir } from './page-views';

/** The pages' templates compiled as web-plugins.ts compiles them. */
function compiled(source: string) {
  const hbs = createPageHandlebars();
  const options = pageCompileOptions(hbs);
  for (const [name, file] of Object.entries(pagePartials())) {
    hbs.registerPartial(name, hbs.compile(readFileSync(join(pagesDir(), file), 'utf8'), options));
  }
  return hbs.compile(source, options);
}

describe('the pages’ templates', () => {
  it('shows a failed form’s several lines of text again exactly as they were typed', () => {
    // The adjournment's minutes, as actions/adjourn.hbs places the partial: on an indented line.
    const template = compiled(
      '<form>\n    {{> textarea name="minutes" label="common.requiredMark"}}\n</form>',
    );
    const minutes = '第一行\n第二行\n  第三行';
    const html = template({
      locale: 'zh-CN',
      form: { values: { minutes }, errors: {} },
    });
    const text = /<textarea[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1];
    expect(text).toBe(minutes);
  });
});
