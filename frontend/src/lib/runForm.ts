// The "New run" form as pure data: which fields it shows (and when), their starting values, and turning the
// form state into a TrainingSpecCreate body (or per-field messages). Help text, defaults and bounds come from the
// generated schema metadata (`specFields.ts`), so the form says what the server says.
import type { Hyperparameters, TrainingSpecCreate } from "../client";
import { specFields, specGroupDescriptions, type SpecField } from "../client/specFields";
import { parseAutoOrNumber, type NumberRule } from "./autoNumber";
import { PREFERENCE_STAGES } from "./runStage";

/** Hyperparameters typed as text: a number, or 'auto' where the schema allows it. */
export type HyperparameterKey =
  | "epochs"
  | "batch_size"
  | "learning_rate"
  | "lora_r"
  | "max_seq_length"
  | "save_steps"
  | "max_steps"
  | "freeze_trainable_layers"
  | "eval_fraction"
  | "eval_steps"
  | "effective_batch_size"
  | "early_stopping_patience"
  | "beta"
  | "simpo_gamma"
  | "kto_desirable_weight"
  | "kto_undesirable_weight";

export type MethodChoice = NonNullable<TrainingSpecCreate["method"]>;
export type TriState = "auto" | "on" | "off";
export type PrecisionChoice = NonNullable<Hyperparameters["precision"]>;
export type LossOn = TrainingSpecCreate["loss_on"];
export type Stage = NonNullable<TrainingSpecCreate["stage"]>;
export type ResourceKey = "gpus" | "gpu_memory_gb" | "gpu_type";
export type StrategyChoice = NonNullable<Hyperparameters["distributed_strategy"]>;

export interface FormValues extends Record<HyperparameterKey, string> {
  /** "" until chosen: the page then follows the dataset it was opened for (text → cpt), else sft. */
  stage: Stage | "";
  datasetId: string;
  /** A version of the dataset (`dsv_…`); "" sends none and the server trains on its newest training version. */
  datasetVersionId: string;
  /** A mixture (`mix_…`) to train on instead of a dataset; "" trains on the dataset chosen. */
  mixtureId: string;
  model: string;
  name: string;
  lossOn: LossOn;
  method: MethodChoice;
  use_rslora: boolean;
  use_dora: boolean;
  packing: TriState;
  gradient_checkpointing: TriState;
  precision: PrecisionChoice;
  torch_compile: TriState;
  liger_kernels: TriState;
  distributed_strategy: StrategyChoice;
  gpus: string;
  gpu_memory_gb: string;
  gpu_type: string;
}

export type FormKey = keyof FormValues;
export type FormErrors = Partial<Record<FormKey, string>>;

export interface FieldDef {
  key: HyperparameterKey;
  label: string;
  testId: string;
  /** Shown when the field is empty and has no default (e.g. "never" for early stopping). */
  placeholder?: string;
}

/** Always shown, in the main part of the form. */
export const HYPERPARAMETER_FIELDS: readonly FieldDef[] = [
  { key: "epochs", label: "Epochs", testId: "run-epochs-input" },
  { key: "max_steps", label: "Max steps", testId: "run-max-steps-input" },
  { key: "learning_rate", label: "Learning rate", testId: "run-learning-rate-input" },
  { key: "batch_size", label: "Batch size", testId: "run-batch-size-input" },
  { key: "lora_r", label: "LoRA rank (r)", testId: "run-lora-r-input" },
  { key: "max_seq_length", label: "Max sequence length", testId: "run-max-seq-length-input" },
  { key: "save_steps", label: "Save every N steps", testId: "run-save-steps-input" },
  // Preference stages only: how strongly the preference term pulls (see its schema description).
  { key: "beta", label: "Beta", testId: "run-beta-input" },
];

export const FREEZE_LAYERS_FIELD: FieldDef = {
  key: "freeze_trainable_layers",
  label: "Trainable layers (freeze)",
  testId: "run-freeze-layers-input",
};

export const EVAL_FIELDS: readonly FieldDef[] = [
  { key: "eval_fraction", label: "Eval fraction", testId: "run-eval-fraction-input" },
  { key: "eval_steps", label: "Evaluate every N steps", testId: "run-eval-steps-input" },
  { key: "early_stopping_patience", label: "Early-stopping patience", testId: "run-early-stopping-input", placeholder: "never" },
];

/** Under Advanced, "Speed and scale": the batch kept whatever the number of devices. */
export const SCALE_FIELDS: readonly FieldDef[] = [
  { key: "effective_batch_size", label: "Effective batch size", testId: "run-effective-batch-size-input" },
];

/** Under Advanced, for the one preference stage each applies to. */
export const PREFERENCE_FIELDS: readonly FieldDef[] = [
  { key: "simpo_gamma", label: "SimPO margin (gamma)", testId: "run-simpo-gamma-input" },
  { key: "kto_desirable_weight", label: "KTO desirable weight", testId: "run-kto-desirable-weight-input" },
  { key: "kto_undesirable_weight", label: "KTO undesirable weight", testId: "run-kto-undesirable-weight-input" },
];

const NUMBER_FIELDS: readonly FieldDef[] = [
  ...HYPERPARAMETER_FIELDS,
  FREEZE_LAYERS_FIELD,
  ...EVAL_FIELDS,
  ...SCALE_FIELDS,
  ...PREFERENCE_FIELDS,
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

export const LOSS_ON_OPTIONS = specFields.spec.loss_on.enum as readonly LossOn[];
export const LOSS_ON_HELP = specFields.spec.loss_on.description;
const DEFAULT_LOSS_ON = (specFields.spec.loss_on.default ?? "assistant") as LossOn;

// ---- method ---------------------------------------------------------------------------------------------------

export interface MethodOption {
  value: MethodChoice;
  label: string;
  /** One line: what the method trains and when it is the right choice. */
  help: string;
}

const METHOD_TEXT: Record<MethodChoice, Omit<MethodOption, "value">> = {
  auto: { label: "auto", help: "The server picks full, LoRA or QLoRA from the model size, the data size and the memory; the run page says why." },
  lora: { label: "LoRA", help: "LoRA: small adapters trained on a frozen model. Little memory; keeps a chat model's alignment." },
  qlora: { label: "QLoRA", help: "QLoRA: the frozen base is loaded in 4 bits and adapters are trained on it. The least memory." },
  full: { label: "full", help: "Full fine-tuning: every weight is trained. Best with much data on models up to about 7B." },
  freeze: { label: "freeze", help: "Freeze: only the last N decoder layers are trained (N under Advanced); the rest stay as they are." },
};

/** "auto" first, then the methods in the schema's order. */
export const METHOD_OPTIONS: readonly MethodOption[] = [
  ...(specFields.spec.method.allowsAuto ? (["auto"] as const) : []),
  ...(specFields.spec.method.enum as readonly Exclude<MethodChoice, "auto">[]),
].map((value) => ({ value, ...METHOD_TEXT[value] }));

export const METHOD_HELP = specFields.spec.method.description;
export const DEFAULT_METHOD = (specFields.spec.method.default ?? "auto") as MethodChoice;

export const STRATEGY_OPTIONS = specFields.hyperparameters.distributed_strategy.enum as readonly StrategyChoice[];

export const PRECISION_OPTIONS: readonly PrecisionChoice[] = [
  "auto",
  ...(specFields.hyperparameters.precision.enum as readonly Exclude<PrecisionChoice, "auto">[]),
];

// ---- hardware -------------------------------------------------------------------------------------------------
// Help text, 'auto', number types and defaults come from `Resources` in the schema (specFields.resources).

export interface ResourceDef {
  key: ResourceKey;
  label: string;
  testId: string;
  help: string;
  allowsAuto: boolean;
  /** How the text is checked; absent for free text (the GPU type). */
  rule?: NumberRule;
}

/** What the hardware section is about: the `Resources` schema's own description. */
export const RESOURCES_HELP = specGroupDescriptions.resources;

/**
 * Floors the form checks where the schema declares no bound (it declares none for the resources so far): a negative
 * GPU count or a GPU without memory is never what was meant. A bound the schema declares replaces these.
 */
const RESOURCE_FLOORS: Partial<Record<ResourceKey, NumberRule>> = { gpus: { minimum: 0 }, gpu_memory_gb: { exclusiveMinimum: 0 } };

const BOUNDS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"] as const;

export function resourceMeta(key: ResourceKey): { description: string; allowsAuto: boolean; default: unknown; rule?: NumberRule } {
  const meta: SpecField = specFields.resources[key];
  const base = { description: meta.description, allowsAuto: meta.allowsAuto, default: meta.default };
  if (meta.type === undefined) return base;
  const declared: NumberRule = {};
  for (const b of BOUNDS) if (meta[b] !== undefined) declared[b] = meta[b];
  const bounds = Object.keys(declared).length ? declared : (RESOURCE_FLOORS[key] ?? {});
  return { ...base, rule: { allowsAuto: meta.allowsAuto, integer: meta.type === "integer", ...bounds } };
}

const resourceField = (key: ResourceKey, label: string, testId: string): ResourceDef => {
  const meta = resourceMeta(key);
  return { key, label, testId, help: meta.description, allowsAuto: meta.allowsAuto, rule: meta.rule };
};

export const RESOURCE_FIELDS: readonly ResourceDef[] = [
  resourceField("gpus", "GPUs", "run-gpus-input"),
  resourceField("gpu_memory_gb", "GPU memory (GB)", "run-gpu-memory-input"),
  resourceField("gpu_type", "GPU type", "run-gpu-type-input"),
];

// ---- state ----------------------------------------------------------------------------------------------------

function defaultText(key: HyperparameterKey): string {
  const d = fieldMeta(key).default;
  return d === undefined || d === null ? "" : String(d);
}

function resourceDefaultText(key: ResourceKey): string {
  const d = resourceMeta(key).default;
  return d === undefined || d === null ? "auto" : String(d);
}

function triStateOf(value: unknown): TriState {
  return value === true ? "on" : value === false ? "off" : "auto";
}

export function initialFormValues(over: Partial<FormValues> = {}): FormValues {
  const text = {} as Record<HyperparameterKey, string>;
  for (const f of NUMBER_FIELDS) text[f.key] = defaultText(f.key);
  const hp = specFields.hyperparameters;
  return {
    ...text,
    stage: "",
    datasetId: "",
    datasetVersionId: "",
    mixtureId: "",
    model: "",
    name: "",
    lossOn: DEFAULT_LOSS_ON,
    method: DEFAULT_METHOD,
    use_rslora: (hp.use_rslora.default as boolean) === true,
    use_dora: (hp.use_dora.default as boolean) === true,
    packing: triStateOf(hp.packing.default),
    gradient_checkpointing: triStateOf(hp.gradient_checkpointing.default),
    precision: (hp.precision.default ?? "auto") as PrecisionChoice,
    torch_compile: triStateOf(hp.torch_compile.default),
    liger_kernels: triStateOf(hp.liger_kernels.default),
    distributed_strategy: (hp.distributed_strategy.default ?? "auto") as StrategyChoice,
    gpus: resourceDefaultText("gpus"),
    gpu_memory_gb: resourceDefaultText("gpu_memory_gb"),
    gpu_type: resourceDefaultText("gpu_type"),
    ...over,
  };
}

const LORA_METHODS: ReadonlySet<MethodChoice> = new Set(["auto", "lora", "qlora"]);

/** eval_fraction > 0: the eval split exists, so eval_steps and early stopping mean something. */
export function evalEnabled(values: Pick<FormValues, "eval_fraction">): boolean {
  const parsed = parseAutoOrNumber(values.eval_fraction, fieldMeta("eval_fraction"));
  return parsed.ok && typeof parsed.value === "number" && parsed.value > 0;
}

/** Whether a field applies to the current choices. Hidden fields are neither checked nor sent. */
export function isVisible(key: FormKey, values: FormValues): boolean {
  switch (key) {
    case "lossOn":
      // Continued pretraining puts loss on every token, preference stages score only the answers: nothing to choose.
      return values.stage === "sft" || values.stage === "";
    case "beta":
      return values.stage !== "" && PREFERENCE_STAGES.has(values.stage);
    case "simpo_gamma":
      return values.stage === "simpo";
    case "kto_desirable_weight":
    case "kto_undesirable_weight":
      return values.stage === "kto";
    case "lora_r":
    case "use_rslora":
    case "use_dora":
      return LORA_METHODS.has(values.method);
    case "freeze_trainable_layers":
      return values.method === "freeze";
    case "eval_steps":
    case "early_stopping_patience":
      return evalEnabled(values);
    case "gpu_memory_gb":
    case "gpu_type":
      return values.gpus.trim() !== "0";
    default:
      return true;
  }
}

/** Fields inside the collapsible "Advanced" part: an error there opens it. */
export const ADVANCED_KEYS: ReadonlySet<FormKey> = new Set<FormKey>([
  "freeze_trainable_layers",
  "use_rslora",
  "use_dora",
  "packing",
  "gradient_checkpointing",
  "precision",
  "torch_compile",
  "liger_kernels",
  "distributed_strategy",
  "effective_batch_size",
  "eval_fraction",
  "eval_steps",
  "early_stopping_patience",
  "simpo_gamma",
  "kto_desirable_weight",
  "kto_undesirable_weight",
  "gpus",
  "gpu_memory_gb",
  "gpu_type",
]);

// ---- request body ---------------------------------------------------------------------------------------------

export type BuildResult = { ok: true; body: TrainingSpecCreate } | { ok: false; errors: FormErrors };

const TRI_STATE_VALUE = { auto: "auto", on: true, off: false } as const;

export function buildSpec(values: FormValues): BuildResult {
  const errors: FormErrors = {};
  const visible = (key: FormKey) => isVisible(key, values);
  const hyperparameters: Record<string, unknown> = {};
  if (!values.datasetId && !values.mixtureId) errors.datasetId = "Choose a dataset to train on.";
  if (!values.model) errors.model = "Choose a model or a model family to fine-tune.";

  for (const f of NUMBER_FIELDS) {
    if (!visible(f.key)) continue;
    const parsed = parseAutoOrNumber(values[f.key], fieldMeta(f.key));
    if (!parsed.ok) errors[f.key] = parsed.message;
    else if (parsed.value !== undefined) hyperparameters[f.key] = parsed.value;
  }
  if (visible("use_rslora")) hyperparameters.use_rslora = values.use_rslora;
  if (visible("use_dora")) hyperparameters.use_dora = values.use_dora;
  hyperparameters.packing = TRI_STATE_VALUE[values.packing];
  hyperparameters.gradient_checkpointing = TRI_STATE_VALUE[values.gradient_checkpointing];
  hyperparameters.precision = values.precision;
  hyperparameters.torch_compile = TRI_STATE_VALUE[values.torch_compile];
  hyperparameters.liger_kernels = TRI_STATE_VALUE[values.liger_kernels];
  hyperparameters.distributed_strategy = values.distributed_strategy;

  const resources: TrainingSpecCreate["resources"] = { gpus: "auto", gpu_memory_gb: "auto", gpu_type: "auto" };
  for (const r of RESOURCE_FIELDS) {
    if (!visible(r.key)) continue;
    if (r.key === "gpu_type") {
      const type = values.gpu_type.trim();
      resources.gpu_type = !type || type.toLowerCase() === "auto" ? "auto" : type;
      continue;
    }
    const parsed = parseAutoOrNumber(values[r.key], r.rule);
    if (!parsed.ok) errors[r.key] = parsed.message;
    else if (parsed.value !== undefined) resources[r.key] = parsed.value;
  }

  if (Object.keys(errors).length) return { ok: false, errors };
  // A mixture names its own dataset version, so the dataset pickers are not sent with it.
  const data = values.mixtureId ? { mixture_id: values.mixtureId } : { dataset_id: values.datasetId };
  const body: TrainingSpecCreate = {
    ...data,
    model: values.model,
    method: values.method,
    stage: values.stage || "sft",
    // Required by the type; continued pretraining ignores it (loss on every token), so it keeps the default there.
    loss_on: visible("lossOn") ? values.lossOn : DEFAULT_LOSS_ON,
    hyperparameters: hyperparameters as Hyperparameters,
    resources,
  };
  if (values.datasetVersionId && !values.mixtureId) body.dataset_version_id = values.datasetVersionId;
  if (values.name.trim()) body.name = values.name.trim();
  return { ok: true, body };
}

// ---- server errors --------------------------------------------------------------------------------------------

const TOP_LEVEL: Record<string, FormKey> = {
  dataset_id: "datasetId",
  dataset_version_id: "datasetVersionId",
  mixture_id: "mixtureId",
  model: "model",
  name: "name",
  method: "method",
  loss_on: "lossOn",
  stage: "stage",
};
const HYPERPARAMETER_FORM_KEYS: ReadonlySet<string> = new Set<string>([
  ...NUMBER_FIELDS.map((f) => f.key),
  "use_rslora",
  "use_dora",
  "packing",
  "gradient_checkpointing",
  "precision",
  "torch_compile",
  "liger_kernels",
  "distributed_strategy",
]);

/** A server error's `field` ("hyperparameters.epochs", "resources.gpus", "method", ...) → the form field showing it. */
export function formFieldFor(serverField: string | undefined | null): FormKey | null {
  if (!serverField) return null;
  if (serverField in TOP_LEVEL) return TOP_LEVEL[serverField];
  const [group, key] = serverField.split(".");
  if (group === "hyperparameters" && HYPERPARAMETER_FORM_KEYS.has(key)) return key as FormKey;
  if (group === "resources" && RESOURCE_FIELDS.some((r) => r.key === key)) return key as ResourceKey;
  return null;
}

/** Every message of a refused request that belongs to a form field: the main one and each listed problem. */
export function serverFieldErrors(error: { field?: string; detail: string; problems: { field?: string; message: string }[] }): FormErrors {
  const out: FormErrors = {};
  for (const p of error.problems) {
    const key = formFieldFor(p.field);
    if (key && !out[key]) out[key] = p.message;
  }
  const main = formFieldFor(error.field);
  if (main) out[main] = error.detail;
  return out;
}

export interface MethodProblem {
  summary: string;
  suggestions: { text: string; patch: Partial<FormValues> | null }[];
}

/**
 * The server's "does not fit" sentence split into what is wrong and what to try:
 * "full fine-tuning … needs ≈ 20 GB … Try: use QLORA (≈ 12.1 GB); turn on gradient checkpointing." Suggestions the
 * form can apply come with the change to make.
 */
export function methodProblem(detail: string): MethodProblem {
  const at = detail.indexOf("Try:");
  if (at < 0) return { summary: detail, suggestions: [] };
  const summary = detail.slice(0, at).trim();
  const suggestions = detail
    .slice(at + "Try:".length)
    .trim()
    .replace(/\.$/, "")
    .split(/;\s*/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((text) => ({ text, patch: suggestionPatch(text) }));
  return { summary, suggestions };
}

function suggestionPatch(text: string): Partial<FormValues> | null {
  const method = /^use (q?lora)\b/i.exec(text);
  if (method) return { method: method[1].toLowerCase() as MethodChoice };
  if (/gradient checkpointing/i.test(text)) return { gradient_checkpointing: "on" };
  const seq = /max_seq_length to (\d+)/i.exec(text);
  if (seq) return { max_seq_length: seq[1] };
  const gpus = /^use (\d+) GPUs?\b/i.exec(text);
  if (gpus) return { gpus: gpus[1] };
  return null;
}
