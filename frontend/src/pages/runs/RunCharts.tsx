import { useMemo } from "react";
import { LineChart, type Overlay } from "../../components/LineChart";

interface RunChartsProps {
  steps: number[];
  losses: number[];
  lrSteps: number[];
  learningRates: number[];
  evalSteps: number[];
  evalLosses: number[];
  /** Preference stages only: empty otherwise, and the rewards part is not shown. */
  rewardSteps: number[];
  rewardAccuracy: number[];
  rewardMargin: number[];
  waiting: boolean;
}

const EVAL_COLOR = "#d97706";

export function RunCharts(props: RunChartsProps) {
  const { steps, losses, lrSteps, learningRates, evalSteps, evalLosses, rewardSteps, rewardAccuracy, rewardMargin, waiting } = props;
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
      {rewardSteps.length > 0 && (
        <div data-testid="reward-charts">
          <h3>Reward accuracy</h3>
          <p className="muted chart-note">
            Share of pairs whose chosen answer the model now scores above the rejected one (KTO: answers on the right
            side of the reference point); latest {(rewardAccuracy[rewardAccuracy.length - 1] * 100).toFixed(0)}%.
          </p>
          <LineChart xs={rewardSteps} ys={rewardAccuracy} label="reward accuracy" color="#7c3aed" testId="reward-accuracy-chart" height={140} />
          <h3>Reward margin</h3>
          <p className="muted chart-note" data-testid="reward-margin-summary">
            Mean reward of chosen minus rejected answers; latest {rewardMargin[rewardMargin.length - 1].toFixed(3)}.
          </p>
          <LineChart xs={rewardSteps} ys={rewardMargin} label="reward margin" color="#db2777" testId="reward-margin-chart" height={140} />
        </div>
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
