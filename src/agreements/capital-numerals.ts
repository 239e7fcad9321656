const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACES = ['', '拾', '佰', '仟'];
const SECTIONS = ['', '万', '亿'];
/** 9999亿9999万9999元9角9分: the largest amount that `YUAN_PATTERN` (12 yuan digits) admits. */
export const MAX_CAPITAL_FEN = 99_999_999_999_999;

/** One four-digit section (0–9999) without its 万/亿 unit; zeros inside the section become one 零. */
function sectionToCapitals(section: number): string {
  let out = '';
  let pendingZero = false;
  for (let place = 3; place >= 0; place--) {
    const digit = Math.floor(section / 10 ** place) % 10;
    if (digit === 0) {
      pendingZero = out !== '';
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += DIGITS[digit] + PLACES[place];
  }
  return out;
}

function yuanToCapitals(yuan: number): string {
  let out = '';
  for (let i = SECTIONS.length - 1; i >= 0; i--) {
    const section = Math.floor(yuan / 10_000 ** i) % 10_000;
    if (section === 0) continue;
    // A section that starts below its thousands place after a higher section needs one 零
    // (壹拾万零伍元); one that starts at the thousands place takes none (壹拾万柒仟元), the form
    // the People's Bank payment rules allow and the shorter one.
    if (out !== '' && section < 1000) out += '零';
    out += sectionToCapitals(section) + SECTIONS[i];
  }
  return out;
}

/**
 * An amount in fen as Chinese financial capitals (大写金额), without the 人民币 prefix, which the
 * template writes. Always uses 壹拾 rather than a bare 拾 so a figure cannot be extended in front.
 */
export function fenToCapitals(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0 || fen > MAX_CAPITAL_FEN) {
    throw new RangeError(`not a fen amount that capitals can express: ${fen}`);
  }
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  if (fen === 0) return '零元整';

  const whole = yuan > 0 ? `${yuanToCapitals(yuan)}元` : '';
  if (jiao === 0 && cents === 0) return `${whole}整`;
  // The payment rules require 零 after 元 when the 角 is zero but the 分 is not (元零伍分).
  const jiaoPart = jiao > 0 ? `${DIGITS[jiao]}角` : whole !== '' ? '零' : '';
  const centsPart = cents > 0 ? `${DIGITS[cents]}分` : '';
  return whole + jiaoPart + centsPart;
}
