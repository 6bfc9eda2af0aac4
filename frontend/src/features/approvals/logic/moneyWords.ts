// The upper-case Chinese amount printed on vouchers (大写金额), as the server's money_in_words writes it:
// 12345.6 → 壹万贰仟叁佰肆拾伍元陆角; whole amounts end in 整.

const DIGITS = "零壹贰叁肆伍陆柒捌玖";
const SMALL_UNITS = ["", "拾", "佰", "仟"];
const BIG_UNITS = ["", "万", "亿", "万亿"];

/** A group of up to four digits, e.g. "0105" → 零壹佰零伍 (leading zeros kept as one 零 by the caller). */
function group(digits: string): string {
  let out = "";
  let zero = false;
  const padded = digits.padStart(4, "0");
  for (let i = 0; i < 4; i++) {
    const d = Number(padded[i]);
    if (d === 0) {
      zero = out !== "";
      continue;
    }
    if (zero) out += "零";
    zero = false;
    out += DIGITS.charAt(d) + SMALL_UNITS[3 - i];
  }
  return out;
}

function integerWords(integer: string): string {
  const trimmed = integer.replace(/^0+/, "");
  if (!trimmed) return "";
  const groups: string[] = [];
  for (let end = trimmed.length; end > 0; end -= 4) groups.unshift(trimmed.slice(Math.max(0, end - 4), end));
  let out = "";
  let pendingZero = false;
  groups.forEach((digits, index) => {
    const unit = BIG_UNITS[groups.length - 1 - index];
    if (Number(digits) === 0) {
      pendingZero = out !== "";
      return;
    }
    // A gap inside the number (1,0001) or a group starting with 0 (1,0105) is read with one 零.
    if (out && (pendingZero || digits.padStart(4, "0")[0] === "0")) out += "零";
    pendingZero = false;
    out += group(digits) + unit;
  });
  return out;
}

/** The amount in words; `amount` is a decimal string or number (rounded to fen). */
export function moneyInWords(amount: string | number): string {
  const value = Number(amount);
  if (!Number.isFinite(value)) return "";
  const negative = value < 0;
  const fixed = Math.abs(value).toFixed(2);
  const integer = fixed.slice(0, -3);
  const jiao = Number(fixed.charAt(fixed.length - 2));
  const fen = Number(fixed.charAt(fixed.length - 1));
  const yuan = integerWords(integer);
  let out = yuan ? `${yuan}元` : "";
  if (jiao) out += DIGITS.charAt(jiao) + "角";
  else if (fen && yuan) out += "零";
  if (fen) out += DIGITS.charAt(fen) + "分";
  if (!out) out = "零元";
  if (!jiao && !fen) out += "整";
  return (negative ? "负" : "") + out;
}
