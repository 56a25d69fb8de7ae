import { useMemo } from "react";
import { LineChart, type Overlay } from "../../components/LineChart";

interface RunChartsProps {
  steps: number[];
  losses: number[];
  lrSteps: number[];
  learningRates: number[];
  evalSteps: number[];
  evalLosses: number[];
  waiting: boolean;
}

const EVAL_COLOR = "#d97706";

export function RunCharts({ steps, losses, lrSteps, learningRates, evalSteps, evalLosses, waiting }: RunChartsProps) {
  // The eval loss joins the chart (as a second series) once there is a first evaluation.
  const overlays = useMemo<Overlay[]>(
    () => (evalSteps.length ? [{ xs: evalSteps, ys: evalLosses, label: "eval loss", color: EVAL_COLOR }] : []),
    [evalSteps, evalLosses],
  );
  return (
    <section className="card">
      <h2>
        {evalSteps.length ? "Training and eval loss" : "Training loss"}{" "}
        {steps.length > 0 && <span className="muted">({steps.length.toLocaleString()} steps)</span>}
      </h2>
      <div className="chart-frame">
        <LineChart xs={steps} ys={losses} overlays={overlays} label="loss" testId="loss-chart" height={260} />
        {steps.length === 0 && (
          <p className="chart-frame__empty">{waiting ? "The loss curve appears here after the first training step." : "No loss was recorded for this run."}</p>
        )}
      </div>
      {evalSteps.length > 0 && (
        <p className="muted chart-note" data-testid="eval-loss-summary">
          Eval loss measured {evalSteps.length.toLocaleString()} time{evalSteps.length === 1 ? "" : "s"}; latest{" "}
          {evalLosses[evalLosses.length - 1].toFixed(4)} at step {evalSteps[evalSteps.length - 1].toLocaleString()}.
        </p>
      )}
      {learningRates.length > 0 && (
        <>
          <h3>Learning rate</h3>
          <LineChart xs={lrSteps} ys={learningRates} label="learning rate" color="#0d9488" height={140} />
        </>
      )}
    </section>
  );
}
