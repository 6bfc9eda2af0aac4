// Phone numbers on a contact card: the server masks them (138****0004) when the organisation's
// policy says so; a masked number is shown as given and offers neither call nor copy.

export function isMaskedNumber(value: string | null | undefined): boolean {
  return typeof value === "string" && /[*•]/.test(value);
}

/** A number worth calling or copying: present and not masked. */
export function isUsableNumber(value: string | null | undefined): value is string {
  return typeof value === "string" && /\d/.test(value) && !isMaskedNumber(value);
}

/** The `tel:` link for a number (spaces and dashes removed; the leading + kept). */
export function telHref(value: string): string {
  return `tel:${value.replace(/[\s\-().]/g, "")}`;
}

export function mailtoHref(address: string): string {
  return `mailto:${address.trim()}`;
}
