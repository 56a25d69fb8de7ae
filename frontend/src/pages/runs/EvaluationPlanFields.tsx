import type { Dataset, TrainingSpecCreate } from "../../client";
import { DatasetChecks, SCORED_KINDS } from "../../components/DatasetChecks";
import { METRIC_COLUMNS } from "../../lib/evaluations";
import { FormField } from "./FormField";

type Plan = NonNullable<TrainingSpecCreate["evaluation"]>;
type BestMetric = Plan["best_metric"];

export interface EvaluationPlanValues {
  datasetIds: string[];
  generalDatasetIds: string[];
  bestMetric: BestMetric;
  generateAnswers: boolean;
}

const BEST_METRICS: readonly BestMetric[] = [
  "mc_accuracy",
  "mc_accuracy_norm",
  "mc_generate_accuracy",
  "eval_loss",
  "perplexity",
  "general_mc_accuracy_delta",
  "general_eval_loss_delta",
];
const isBestMetric = (v: string): v is BestMetric => v === "auto" || (BEST_METRICS as readonly string[]).includes(v);

export const NO_EVALUATION: EvaluationPlanValues = { datasetIds: [], generalDatasetIds: [], bestMetric: "auto", generateAnswers: false };

/** The spec's `evaluation` block, or none when no eval set is ticked. */
export function evaluationBlock(values: EvaluationPlanValues): Plan | undefined {
  if (!values.datasetIds.length) return undefined;
  return {
    dataset_ids: values.datasetIds,
    general_dataset_ids: values.generalDatasetIds,
    best_metric: values.bestMetric,
    prompt_style: "plain",
    generate_answers: values.generateAnswers,
  };
}

/** Evaluate every checkpoint on eval sets and recommend the best by a metric. */
export function EvaluationPlanFields({ datasets, values, onChange }: { datasets: Dataset[]; values: EvaluationPlanValues; onChange: (v: EvaluationPlanValues) => void }) {
  const scorable = datasets.filter((d) => SCORED_KINDS.has(d.format));
  if (!scorable.length) return null;
  return (
    <>
      <h2>Evaluation</h2>
      <div className="form__grid">
        <FormField label="Evaluate every checkpoint on" htmlFor="run-eval-sets" help="Multiple-choice sets give accuracy; conversation and text sets give eval loss. None: no automatic evaluation.">
          <DatasetChecks name="run-eval-sets" datasets={scorable} chosen={values.datasetIds} onChange={(datasetIds) => onChange({ ...values, datasetIds })} />
        </FormField>
        <FormField label="General sets (forgetting)" htmlFor="run-general-sets" help="Scored for each checkpoint and for the untouched model; the change shows forgetting.">
          <DatasetChecks
            name="run-general-sets"
            datasets={scorable}
            chosen={values.generalDatasetIds}
            onChange={(generalDatasetIds) => onChange({ ...values, generalDatasetIds })}
          />
        </FormField>
        <FormField label="Recommend the checkpoint with the best" htmlFor="run-best-metric" help="'auto': MC accuracy when a multiple-choice set is ticked, else eval loss.">
          <select id="run-best-metric" data-testid="run-best-metric" value={values.bestMetric} onChange={(e) => isBestMetric(e.target.value) && onChange({ ...values, bestMetric: e.target.value })}>
            <option value="auto">auto</option>
            {METRIC_COLUMNS.filter((c) => isBestMetric(c.key)).map((c) => (
              <option key={c.key} value={c.key}>
                {c.label} ({c.higherIsBetter ? "highest" : "lowest"})
              </option>
            ))}
          </select>
        </FormField>
        <div className="field field--check">
          <label className="check">
            <input type="checkbox" data-testid="run-eval-generate" checked={values.generateAnswers} onChange={(e) => onChange({ ...values, generateAnswers: e.target.checked })} />
            Also generate answers to multiple-choice questions (MC generated accuracy)
          </label>
        </div>
      </div>
    </>
  );
}
