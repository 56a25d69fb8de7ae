import { useEffect, useMemo, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { alignSeries } from "../lib/chartData";
import { formatTick } from "../lib/format";
import { lttb } from "../lib/lttb";

/** A second series drawn over the first, as points joined by a dashed line (e.g. the eval loss). */
export interface Overlay {
  xs: number[];
  ys: number[];
  label: string;
  color: string;
}

const NO_OVERLAYS: Overlay[] = [];

interface LineChartProps {
  xs: number[];
  ys: number[];
  overlays?: Overlay[];
  label: string;
  xLabel?: string;
  color?: string;
  height?: number;
  testId?: string;
}

const DEFAULT_WIDTH = 800;

/** Keeps the container's width in state; 0 until measured (and in test DOMs, which have no layout). */
function useWidth(ref: React.RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver((entries) => setWidth(Math.floor(entries[0].contentRect.width)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/**
 * A uPlot line chart that stays fast with 100k points: when there are more points than pixels the series is
 * downsampled with LTTB first, so the drawing cost follows the width, not the data.
 * `data-points` on the container is the number of points of the main series actually plotted;
 * `data-overlay-points` those of the overlays.
 */
export function LineChart({ xs, ys, overlays = NO_OVERLAYS, label, xLabel = "step", color = "#4f46e5", height = 240, testId }: LineChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const width = useWidth(box);
  const threshold = Math.max(2, width || DEFAULT_WIDTH);
  const data = useMemo(() => lttb(xs, ys, threshold), [xs, ys, threshold]);
  const overlayData = useMemo(() => overlays.map((o) => lttb(o.xs, o.ys, threshold)), [overlays, threshold]);
  const aligned = useMemo(() => alignSeries(data, overlayData), [data, overlayData]);
  const overlayLook = overlays.map((o) => `${o.label}\u0000${o.color}`).join("\u0001");

  // Create once the container has a width; re-create only if the series' look changes.
  useEffect(() => {
    if (!box.current || width === 0) return;
    const opts: uPlot.Options = {
      width,
      height,
      legend: { show: true, live: true },
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: false } },
      axes: [
        { label: xLabel, stroke: "#6b7280", grid: { stroke: "#eef0f3" }, values: (_u, splits) => splits.map(formatTick) },
        { stroke: "#6b7280", grid: { stroke: "#eef0f3" }, size: 64, values: (_u, splits) => splits.map(formatTick) },
      ],
      series: [
        { label: xLabel },
        { label, stroke: color, width: 1.5, points: { show: false }, spanGaps: true },
        ...overlays.map((o) => ({
          label: o.label,
          stroke: o.color,
          width: 1.5,
          dash: [5, 4],
          spanGaps: true,
          points: { show: true, size: 7, fill: o.color, stroke: o.color },
        })),
      ],
    };
    const chart = new uPlot(opts, [[], [], ...overlays.map(() => [])], box.current);
    plot.current = chart;
    return () => {
      chart.destroy();
      plot.current = null;
    };
    // width is applied by the effect below; re-creating on every resize would drop the zoom
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [label, xLabel, color, height, overlayLook, width === 0]);

  useEffect(() => {
    if (plot.current && width > 0) plot.current.setSize({ width, height });
  }, [width, height]);

  useEffect(() => {
    plot.current?.setData(aligned as uPlot.AlignedData);
  }, [aligned, width, overlayLook]);

  return (
    <div
      className="chart"
      ref={box}
      data-testid={testId}
      data-points={data[0].length}
      data-total-points={xs.length}
      data-overlay-points={overlayData.reduce((n, [x]) => n + x.length, 0)}
    />
  );
}
