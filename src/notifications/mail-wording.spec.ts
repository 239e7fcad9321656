import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';

const MAIL_DIR = join(projectRoot(), 'templates', 'mail');

// Wording that collection abuse uses (threats, pressure, exposure) or that pretends to be a
// court, the police or an authority. Listed in lower case; the check ignores case.
const FORBIDDEN = [
  '必须立即',
  '否则',
  '起诉你',
  '法院传票',
  '传票',
  '逮捕',
  '拘留',
  '坐牢',
  '黑名单',
  '失信',
  '曝光',
  '通讯录',
  '后果自负',
  '最后通牒',
  '公安',
  '警察',
  '本院',
  '法官',
  'immediately or',
  'or else',
  'arrest',
  'police',
  'blacklist',
  'warrant',
  'lawsuit against you',
  'legal action against you',
  'final warning',
  'last chance',
  'jail',
  'prison',
  'criminal',
  'subpoena',
  'summons',
  'your contacts',
  'expose',
  'this court',
];

function forbiddenWordsIn(text: string): string[] {
  const lower = text.toLowerCase();
  return FORBIDDEN.filter((w) => lower.includes(w));
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('mail wording', () => {
  it('catches threatening and impersonating samples, in both languages', () => {
    expect(forbiddenWordsIn('请必须立即还款，否则将把你列入黑名单并通知通讯录')).toEqual([
      '必须立即',
      '否则',
      '黑名单',
      '通讯录',
    ]);
    expect(forbiddenWordsIn('FINAL WARNING: pay immediately or the Police will be told')).toEqual([
      'immediately or',
      'police',
      'final warning',
    ]);
    expect(forbiddenWordsIn('Please answer by 3 December.')).toEqual([]);
  });

  it('finds none of those words in any template file', () => {
    const files = allFiles(MAIL_DIR);
    expect(files.length).toBeGreaterThan(2 * 20);
    const offending = files
      .map((f) => ({
        file: f.slice(MAIL_DIR.length + 1),
        words: forbiddenWordsIn(readFileSync(f, 'utf8')),
      }))
      .filter((f) => f.words.length > 0);
    expect(offending).toEqual([]);
  });
});
