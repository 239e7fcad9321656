/** A rate in basis points as a percentage with two decimals: 2400 → "24.00". */
export const bpToPercent = (bp: number) =>
  `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}`;

/** "24.00" → 2400; the caller has checked the two-decimal shape. */
export const percentToBp = (percent: string) => {
  const [whole, cents] = percent.split('.');
  return Number(whole) * 100 + Number(cents);
};
