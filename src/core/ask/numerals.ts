// Numbers as people type them in questions: "30", "３０" (folded earlier), "三十", "二十五", "两", "五",
// "ten", "twenty five". Small on purpose: questions ask for "top 5" or "over 30 days", not invoices.

const ZH_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const ZH_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Characters that may form a Chinese numeral (for building regexes). */
export const ZH_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千';

/** A number written in digits or Chinese numerals ("三十" → 30, "十五" → 15, "一百零五" → 105); null when it is not one. */
export function parseZhNumber(raw: string): number | null {
  const s = raw.trim();
  if (s.length === 0) return null;
  if (/^\d+$/.test(s)) return Number.parseInt(s, 10);
  let total = 0;
  let current = 0;
  let sawAny = false;
  for (const ch of s) {
    if (ch in ZH_DIGITS) {
      current = current * 10 + (ZH_DIGITS[ch] ?? 0);
      sawAny = true;
    } else if (ch in ZH_UNITS) {
      // "十五": a unit with no digit before it means one of that unit.
      total += (current === 0 ? 1 : current) * (ZH_UNITS[ch] ?? 1);
      current = 0;
      sawAny = true;
    } else {
      return null;
    }
  }
  return sawAny ? total + current : null;
}

const EN_SMALL: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  hundred: 100, dozen: 12,
};

/** Pattern source for one English number word or digits (used inside larger regexes). */
export const EN_NUMBER_SOURCE = `\\d+|(?:${Object.keys(EN_SMALL).join('|')})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?`;

/** Digits or English number words ("twenty five", "twenty-five", "ten"); null when it is not one. */
export function parseEnNumber(raw: string): number | null {
  const s = raw.trim().toLowerCase();
  if (/^\d+$/.test(s)) return Number.parseInt(s, 10);
  const parts = s.split(/[\s-]+/).filter(Boolean);
  if (parts.length === 0) return null;
  let total = 0;
  for (const part of parts) {
    const n = EN_SMALL[part];
    if (n === undefined) return null;
    total += n;
  }
  return total;
}

/** Either language; digits first. */
export function parseAnyNumber(raw: string): number | null {
  return parseZhNumber(raw) ?? parseEnNumber(raw);
}
