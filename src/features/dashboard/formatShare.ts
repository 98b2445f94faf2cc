/** A share (0–1) as a percentage in the reader's language; `none` when there was nothing to divide. */
export function formatShare(share: number | undefined, locale: string, none: string): string {
  if (share === undefined) return none;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}
