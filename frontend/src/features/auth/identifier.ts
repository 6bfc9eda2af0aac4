// Decides which kind of account identifier the user typed into the one "account" field.

export type AccountIdentifier = { email: string } | { phone: string } | { username: string };

const PHONE_LIKE = /^\+?[\d\s-]+$/;

/**
 * `@` → email; a phone number → phone in E.164; anything else → username.
 *
 * Phone numbers: a leading `+` is kept (`+1 415-555-0100` → `+14155550100`), the international
 * prefix `00` becomes `+`, and an 11-digit number starting with 1 is a mainland China mobile number
 * (`13800000004` → `+8613800000004`). Other bare digit strings stay usernames, because employee
 * numbers are common usernames and turning `10023` into a "phone" would make that login impossible.
 */
export function parseAccountIdentifier(input: string): AccountIdentifier {
  const value = input.trim();
  if (value.includes("@")) return { email: value };
  if (PHONE_LIKE.test(value)) {
    const digits = value.replace(/[^\d]/g, "");
    if (value.startsWith("+") && digits.length > 0) return { phone: `+${digits}` };
    if (digits.startsWith("00") && digits.length > 4) return { phone: `+${digits.slice(2)}` };
    if (digits.length === 11 && digits.startsWith("1")) return { phone: `+86${digits}` };
  }
  return { username: value };
}
