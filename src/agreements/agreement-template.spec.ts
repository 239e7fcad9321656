import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fill, loadAgreementTemplate } from './agreement-template';

describe('agreement templates', () => {
  it.each(['zh-CN', 'en'] as const)('loads the %s template with every reason named', (locale) => {
    const template = loadAgreementTemplate(locale);
    expect(Object.keys(template.reasons).sort()).toEqual(
      ['emergency', 'fee_dispute', 'illness', 'income_reduction', 'other', 'unemployment'].sort(),
    );
    expect(template.variables).toMatchObject({ graceDays: 15, confirmationDays: 30 });
  });

  it('fills every default clause from the template variables', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const template = loadAgreementTemplate(locale);
      for (const clause of template.defaultClauses) {
        expect(fill(clause, template.variables)).not.toMatch(/\{\{|\}\}/);
      }
    }
  });

  it('refuses a template file that lacks a label, naming the missing key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agreement-template-'));
    const source = join(__dirname, '..', '..', 'templates', 'agreement', 'en.json');
    const broken = JSON.parse(readFileSync(source, 'utf8')) as { lines: Record<string, string> };
    delete broken.lines.waiver;
    writeFileSync(join(dir, 'en.json'), JSON.stringify(broken));
    try {
      expect(() => loadAgreementTemplate('en', dir)).toThrow(/lines\.waiver must be a string/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('throws on a misspelt placeholder instead of printing a blank', () => {
    expect(() => fill('within {{graceDay}} days', { graceDays: 15 })).toThrow();
  });

  it('does not HTML-escape values, since the output is PDF text', () => {
    expect(fill('{{name}}', { name: 'Smith & Sons <Ltd>' })).toBe('Smith & Sons <Ltd>');
  });
});
