// Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013): keeps the shape of a series, peaks included,
// with far fewer points. Used so a 100k-point loss curve draws as fast as a 1k-point one.

export type Series = [xs: number[], ys: number[]];

/**
 * Reduce (xs, ys) to `threshold` points. Returns the input unchanged when it is already small enough.
 * The first and last points are always kept; xs must be increasing.
 */
export function lttb(xs: ArrayLike<number>, ys: ArrayLike<number>, threshold: number): Series {
  const n = Math.min(xs.length, ys.length);
  const target = Math.floor(threshold);
  if (target >= n || target <= 0) return [Array.from(xs).slice(0, n), Array.from(ys).slice(0, n)];
  if (target === 1) return [[xs[n - 1]], [ys[n - 1]]];
  if (target === 2) return [[xs[0], xs[n - 1]], [ys[0], ys[n - 1]]];

  const outX = new Array<number>(target);
  const outY = new Array<number>(target);
  const bucket = (n - 2) / (target - 2); // the first and last points are their own buckets
  let a = 0; // index of the previously selected point
  outX[0] = xs[0];
  outY[0] = ys[0];

  for (let i = 0; i < target - 2; i++) {
    // Average of the next bucket: the third corner of the triangle.
    const nextStart = Math.floor((i + 1) * bucket) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * bucket) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += xs[j];
      avgY += ys[j];
    }
    const count = nextEnd - nextStart || 1;
    avgX /= count;
    avgY /= count;

    // Pick the point in this bucket forming the largest triangle with `a` and the average.
    const start = Math.floor(i * bucket) + 1;
    const end = Math.floor((i + 1) * bucket) + 1;
    const ax = xs[a];
    const ay = ys[a];
    let maxArea = -1;
    let chosen = start;
    for (let j = start; j < end; j++) {
      const area = Math.abs((ax - avgX) * (ys[j] - ay) - (ax - xs[j]) * (avgY - ay));
      if (area > maxArea) {
        maxArea = area;
        chosen = j;
      }
    }
    outX[i + 1] = xs[chosen];
    outY[i + 1] = ys[chosen];
    a = chosen;
  }

  outX[target - 1] = xs[n - 1];
  outY[target - 1] = ys[n - 1];
  return [outX, outY];
}
