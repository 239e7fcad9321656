import fc from 'fast-check';
import { fenToCapitals, MAX_CAPITAL_FEN } from './capital-numerals';

const DIGIT_VALUES: Record<string, number> = {
  零: 0,
  壹: 1,
  贰: 2,
  叁: 3,
  肆: 4,
  伍: 5,
  陆: 6,
  柒: 7,
  捌: 8,
  玖: 9,
};
const PLACE_VALUES: Record<string, number> = { 拾: 10, 佰: 100, 仟: 1000 };

/** An independent reader of capitals, so the round trip checks the value, not the spelling. */
function capitalsToFen(text: string): number {
  let total = 0;
  let section = 0;
  let digit = 0;
  let fen = 0;
  for (const ch of text) {
    if (ch in DIGIT_VALUES) digit = DIGIT_VALUES[ch];
    else if (ch in PLACE_VALUES) {
      section += digit * PLACE_VALUES[ch];
      digit = 0;
    } else if (ch === '万') {
      total += (section + digit) * 10_000;
      section = digit = 0;
    } else if (ch === '亿') {
      total = (total + section + digit) * 100_000_000;
      section = digit = 0;
    } else if (ch === '元') {
      fen += (total + section + digit) * 100;
      total = section = digit = 0;
    } else if (ch === '角') {
      fen += digit * 10;
      digit = 0;
    } else if (ch === '分') {
      fen += digit;
      digit = 0;
    } else if (ch !== '整') throw new Error(`unexpected ${ch} in ${text}`);
  }
  return fen;
}

describe('fenToCapitals', () => {
  it.each([
    [0, '零元整'],
    [1, '壹分'],
    [10, '壹角'],
    [55, '伍角伍分'],
    [100, '壹元整'],
    [105, '壹元零伍分'],
    [1000, '壹拾元整'],
    [1500, '壹拾伍元整'],
    [11000, '壹佰壹拾元整'],
    [800000, '捌仟元整'],
    [965040, '玖仟陆佰伍拾元肆角'],
    [100005, '壹仟元零伍分'],
    [140950, '壹仟肆佰零玖元伍角'],
    [600714, '陆仟零柒元壹角肆分'],
    [168032, '壹仟陆佰捌拾元叁角贰分'],
    [1640902, '壹万陆仟肆佰零玖元零贰分'],
    [32504, '叁佰贰拾伍元零肆分'],
    [1000100, '壹万零壹元整'],
    [1001000, '壹万零壹拾元整'],
    [1010000, '壹万零壹佰元整'],
    [1100000, '壹万壹仟元整'],
    [10000000, '壹拾万元整'],
    [10000500, '壹拾万零伍元整'],
    [10700053, '壹拾万柒仟元伍角叁分'],
    [12345678, '壹拾贰万叁仟肆佰伍拾陆元柒角捌分'],
    [100000000, '壹佰万元整'],
    [1000000000, '壹仟万元整'],
    [1000010000, '壹仟万零壹佰元整'],
    [10000000000, '壹亿元整'],
    [10000000100, '壹亿零壹元整'],
    [10001000000, '壹亿零壹万元整'],
    [10000100000, '壹亿壹仟元整'],
    [11000000000, '壹亿壹仟万元整'],
    [100000000000, '壹拾亿元整'],
    [MAX_CAPITAL_FEN, '玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
  ])('writes %i fen as %s', (fen, capitals) => {
    expect(fenToCapitals(fen)).toBe(capitals);
  });

  it.each([-1, 1.5, Number.NaN, MAX_CAPITAL_FEN + 1])('rejects %s', (fen) => {
    expect(() => fenToCapitals(fen)).toThrow(RangeError);
  });

  it('reads back as the same amount for any fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_CAPITAL_FEN }), (fen) => {
        expect(capitalsToFen(fenToCapitals(fen))).toBe(fen);
      }),
      { numRuns: 2000 },
    );
  });

  it('never doubles, leads or trails a 零 and never writes a bare 拾', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_CAPITAL_FEN }), (fen) => {
        const text = fenToCapitals(fen);
        expect(text).not.toMatch(/零零|^零|零[元万亿整]|零$/);
        expect(text).not.toMatch(/(^|[^壹贰叁肆伍陆柒捌玖])拾/);
        expect(text).toMatch(/(整|角|分)$/);
      }),
      { numRuns: 2000 },
    );
  });
});
