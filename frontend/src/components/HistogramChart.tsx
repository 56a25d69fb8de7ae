import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

interface HistogramChartProps {
  /** Bin i holds edges[i] <= value < edges[i + 1]. */
  edges: number[];
  counts: number[];
  label: string;
  color?: string;
  height?: number;
  testId?: string;
}

/** A uPlot bar chart of one histogram, as wide as its container; `data-bins` is the number of bins. */
export function HistogramChart({ edges, counts, label, color = "#4f46e5", height = 180, testId }: HistogramChartProps) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    // No layout, no chart (test DOMs have none; uPlot needs a real canvas).
    const width = el ? Math.floor(el.getBoundingClientRect().width) : 0;
    if (!el || !width || counts.length === 0) return;
    const bars = uPlot.paths.bars?.({ size: [0.9, 100], align: 1 });
    const plot = new uPlot(
      {
        width,
        height,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false } },
        axes: [{ label: "tokens" }, { label: "records", size: 50 }],
        series: [{}, { label, stroke: color, fill: `${color}66`, paths: bars, points: { show: false } }],
      },
      [edges.slice(0, counts.length), counts],
      el,
    );
    return () => plot.destroy();
  }, [edges, counts, label, color, height]);
  return <div ref={box} className="histogram" data-testid={testId} data-bins={counts.length} aria-label={label} />;
}
