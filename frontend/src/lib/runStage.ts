// Which stage trains on which kind of data, and the model a stage starts from (a base model for continued
// pretraining, a chat model for fine-tuning).
import { specFields } from "../client/specFields";
import type { Stage } from "./runForm";

export interface StageOption {
  value: Stage;
  label: string;
  /** The dataset kinds (`DatasetRead.format`) it trains on. */
  kinds: readonly string[];
  /** What its datasets are called in messages ("conversation", "preference-pair", ...). */
  data: string;
}

const STAGE_TEXT: Record<Stage, Omit<StageOption, "value">> = {
  sft: { label: "Supervised fine-tuning (SFT)", kinds: ["messages"], data: "conversation" },
  cpt: { label: "Continued pretraining (CPT)", kinds: ["text"], data: "text" },
  dpo: { label: "Preference tuning: DPO", kinds: ["preference"], data: "preference-pair" },
  orpo: { label: "Preference tuning: ORPO (no reference model)", kinds: ["preference"], data: "preference-pair" },
  simpo: { label: "Preference tuning: SimPO (no reference model)", kinds: ["preference"], data: "preference-pair" },
  kto: { label: "Preference tuning: KTO (desirable / undesirable answers)", kinds: ["kto"], data: "KTO (labelled answer)" },
};

/** Stages that learn from preferences; they score only the answers and take a beta. */
export const PREFERENCE_STAGES: ReadonlySet<Stage> = new Set<Stage>(["dpo", "orpo", "simpo", "kto"]);

export const STAGE_OPTIONS: readonly StageOption[] = (specFields.spec.stage.enum as readonly Stage[]).map((value) => ({ value, ...STAGE_TEXT[value] }));
export const STAGE_HELP = specFields.spec.stage.description;

/** The first stage that trains on a dataset of this kind (preference pairs → DPO); null when none does. */
export function stageForKind(kind: string | undefined): Stage | null {
  return STAGE_OPTIONS.find((o) => kind !== undefined && o.kinds.includes(kind))?.value ?? null;
}

/** The datasets a stage can train on, in the order given. */
export function datasetsForStage<D extends { format: string }>(datasets: readonly D[], stage: Stage): D[] {
  const kinds = STAGE_TEXT[stage].kinds;
  return datasets.filter((d) => kinds.includes(d.format));
}

/**
 * The stages to offer: those that fit the kind of at least one of the datasets (plus the current one, so the select
 * never loses its value). Each stage then lists only the datasets of its kind.
 */
export function stagesForDatasets(datasets: readonly { format: string }[], current: Stage): StageOption[] {
  return STAGE_OPTIONS.filter((o) => o.value === current || datasets.some((d) => o.kinds.includes(d.format)));
}

interface ModelLike {
  name: string;
  family: string;
  variant: string;
}

/**
 * The model to offer when the stage changes: continued pretraining starts from a base model, fine-tuning from a chat
 * model (or the family, which the server resolves). Stays within the current choice's family when it has the variant.
 */
export function modelForStage(models: readonly ModelLike[], current: string, stage: Stage): string {
  const wanted = stage === "cpt" ? "base" : "chat";
  const model = models.find((m) => m.name === current);
  if (model?.variant === wanted) return current;
  const family = model?.family ?? (models.some((m) => m.family === current) ? current : null);
  if (family !== null && !model && stage !== "cpt") return current; // a family: the server picks the variant
  const pick = models.find((m) => m.family === family && m.variant === wanted) ?? models.find((m) => m.variant === wanted);
  return pick?.name ?? current;
}
