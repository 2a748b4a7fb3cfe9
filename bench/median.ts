/** The middle of the figures (the mean of the two middle ones for an even count): what a benchmark measured in rounds is judged by. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('No figures to take the median of');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
