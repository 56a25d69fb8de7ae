// The "New run" form as pure data: which hyperparameters it shows, their starting text, and turning the
// typed text into a TrainingSpecCreate body (or per-field messages). Help text comes from the schema.
import type { Hyperparameters, TrainingSpecCreate } from "../client";
import { specFields } from "../client/specFields";
import { parseAutoOrNumber } from "./autoNumber";

export type HyperparameterKey = "epochs" | "batch_size" | "learning_rate" | "lora_r" | "max_seq_length" | "save_steps" | "max_steps";

export interface FieldDef {
  key: HyperparameterKey;
  label: string;
  testId: string;
}

export const HYPERPARAMETER_FIELDS: readonly FieldDef[] = [
  { key: "epochs", label: "Epochs", testId: "run-epochs-input" },
  { key: "max_steps", label: "Max steps", testId: "run-max-steps-input" },
  { key: "learning_rate", label: "Learning rate", testId: "run-learning-rate-input" },
  { key: "batch_size", label: "Batch size", testId: "run-batch-size-input" },
  { key: "lora_r", label: "LoRA rank (r)", testId: "run-lora-r-input" },
  { key: "max_seq_length", label: "Max sequence length", testId: "run-max-seq-length-input" },
  { key: "save_steps", label: "Save every N steps", testId: "run-save-steps-input" },
];

type Meta = (typeof specFields.hyperparameters)[HyperparameterKey];

export function fieldMeta(key: HyperparameterKey) {
  const meta: Meta = specFields.hyperparameters[key];
  const m = meta as Partial<{ minimum: number; maximum: number; exclusiveMinimum: number; exclusiveMaximum: number }> & Meta;
  return {
    description: meta.description,
    allowsAuto: meta.allowsAuto,
    integer: "type" in meta && meta.type === "integer",
    default: "default" in meta ? meta.default : undefined,
    minimum: m.minimum,
    maximum: m.maximum,
    exclusiveMinimum: m.exclusiveMinimum,
    exclusiveMaximum: m.exclusiveMaximum,
  };
}

export type LossOn = TrainingSpecCreate["loss_on"];
export const LOSS_ON_OPTIONS = specFields.spec.loss_on.enum as readonly LossOn[];
export const LOSS_ON_HELP = specFields.spec.loss_on.description;

export type FormValues = Record<HyperparameterKey, string> & { datasetId: string; model: string; name: string; lossOn: LossOn };
export type FormErrors = Partial<Record<HyperparameterKey | "datasetId" | "model" | "name", string>>;

export function initialHyperparameterText(): Record<HyperparameterKey, string> {
  const out = {} as Record<HyperparameterKey, string>;
  for (const f of HYPERPARAMETER_FIELDS) {
    const d = fieldMeta(f.key).default;
    out[f.key] = d === undefined || d === null ? "" : String(d);
  }
  return out;
}

export type BuildResult = { ok: true; body: TrainingSpecCreate } | { ok: false; errors: FormErrors };

export function buildSpec(values: FormValues): BuildResult {
  const errors: FormErrors = {};
  const hyperparameters: Record<string, number | "auto"> = {};
  if (!values.datasetId) errors.datasetId = "Choose a dataset to train on.";
  if (!values.model) errors.model = "Choose a model to fine-tune.";
  for (const f of HYPERPARAMETER_FIELDS) {
    const meta = fieldMeta(f.key);
    const parsed = parseAutoOrNumber(values[f.key], meta);
    if (!parsed.ok) errors[f.key] = parsed.message;
    else if (parsed.value !== undefined) hyperparameters[f.key] = parsed.value;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  const body: TrainingSpecCreate = {
    dataset_id: values.datasetId,
    model: values.model,
    method: "lora",
    stage: "sft",
    loss_on: values.lossOn,
    hyperparameters: hyperparameters as Hyperparameters,
  };
  if (values.name.trim()) body.name = values.name.trim();
  return { ok: true, body };
}

/** A server error's `field` ("hyperparameters.epochs", "dataset_id", ...) → the form field showing it. */
export function formFieldFor(serverField: string | undefined): keyof FormErrors | null {
  if (!serverField) return null;
  const key = serverField.replace(/^hyperparameters\./, "");
  if (key === "dataset_id") return "datasetId";
  if (key === "model" || key === "name") return key;
  return HYPERPARAMETER_FIELDS.some((f) => f.key === key) ? (key as HyperparameterKey) : null;
}
