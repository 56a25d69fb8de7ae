// uPlot wants every series on one shared x array. Overlay series (the eval loss, measured every N steps) are
// sparse, so the x values are merged and each series gets null where it has no point.
import type { Series } from "./lttb";

export type AlignedData = [xs: number[], ...ys: (number | null)[][]];

/** Merge the x values of `main` and the overlays (each increasing) into one increasing array, nulls where absent. */
export function alignSeries(main: Series, overlays: readonly Series[] = []): AlignedData {
  if (!overlays.some(([xs]) => xs.length)) return [main[0], main[1], ...overlays.map(() => new Array<null>(main[0].length).fill(null))];
  const all = [main, ...overlays];
  const xs = [...new Set(all.flatMap(([x]) => x))].sort((a, b) => a - b);
  const ys = all.map(([sx, sy]) => {
    const out = new Array<number | null>(xs.length).fill(null);
    let j = 0;
    for (let i = 0; i < sx.length; i++) {
      while (xs[j] < sx[i]) j++;
      out[j] = sy[i];
    }
    return out;
  });
  return [xs, ...ys];
}
