import { LineChart } from "../../components/LineChart";

interface RunChartsProps {
  steps: number[];
  losses: number[];
  lrSteps: number[];
  learningRates: number[];
  waiting: boolean;
}

export function RunCharts({ steps, losses, lrSteps, learningRates, waiting }: RunChartsProps) {
  return (
    <section className="card">
      <h2>
        Training loss{" "}
        {steps.length > 0 && <span className="muted">({steps.length.toLocaleString()} steps)</span>}
      </h2>
      <div className="chart-frame">
        <LineChart xs={steps} ys={losses} label="loss" testId="loss-chart" height={260} />
        {steps.length === 0 && (
          <p className="chart-frame__empty">{waiting ? "The loss curve appears here after the first training step." : "No loss was recorded for this run."}</p>
        )}
      </div>
      {learningRates.length > 0 && (
        <>
          <h3>Learning rate</h3>
          <LineChart xs={lrSteps} ys={learningRates} label="learning rate" color="#0d9488" height={140} />
        </>
      )}
    </section>
  );
}
