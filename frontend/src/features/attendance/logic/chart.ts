// Geometry of the report charts, kept apart from the SVG so that it can be tested: scales with
// round ticks, a column per day, and bars stacked from their parts. No chart library: the charts
// are a few rectangles, and the PWA's JavaScript budget is tight.

/** The smallest 1, 2 or 5 × 10ⁿ at or above `value` (1 for nothing), so that axes end on a round number. */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * magnitude >= value - 1e-9) ?? 10;
  return step * magnitude;
}

/** `count` + 1 evenly spaced values from 0 to `max`, inclusive. */
export function ticks(max: number, count = 4): number[] {
  return Array.from({ length: count + 1 }, (_, index) => Number(((max * index) / count).toPrecision(12)));
}

/** Maps [0, max] onto [0, length]; values outside are clamped. */
export function scale(max: number, length: number): (value: number) => number {
  return (value) => (max > 0 ? (Math.min(Math.max(value, 0), max) / max) * length : 0);
}

export interface Band {
  x: number;
  width: number;
}

/** `count` equal bands over `length`, each band's bar `fill` (0–1) of its share, centred in it. */
export function bands(count: number, length: number, fill = 0.7): Band[] {
  if (count <= 0) return [];
  const step = length / count;
  const width = step * fill;
  return Array.from({ length: count }, (_, index) => ({ x: index * step + (step - width) / 2, width }));
}

export interface Piece {
  key: string;
  value: number;
  start: number;
  length: number;
}

/** The parts of one bar laid end to end along the scale; parts of zero are left out. */
export function stack(parts: readonly { key: string; value: number }[], toLength: (value: number) => number): Piece[] {
  const pieces: Piece[] = [];
  let total = 0;
  for (const part of parts) {
    if (part.value <= 0) continue;
    const start = toLength(total);
    total += part.value;
    pieces.push({ key: part.key, value: part.value, start, length: toLength(total) - start });
  }
  return pieces;
}

/** Which of `count` columns get a label so that labels stay at least `every` apart: the first, then
 * every `every`th, and the last when it is far enough from the one before. */
export function labelled(count: number, every: number): number[] {
  if (count <= 0) return [];
  const step = Math.max(1, Math.round(every));
  const shown = Array.from({ length: Math.ceil(count / step) }, (_, index) => index * step);
  const last = count - 1;
  if (shown.at(-1) !== last && last - (shown.at(-1) ?? 0) >= step / 2) shown.push(last);
  return shown;
}
