import { Link, useNavigate } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { useDatasets } from "../../api/datasets";
import { asApiError } from "../../api/errors";
import { useMixture } from "../../api/mixtures";
import { useModels } from "../../api/models";
import { useVersions } from "../../api/versions";
import { useCreateRun } from "../../api/runs";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { specFields } from "../../client/specFields";
import { familyOf, modelChoices } from "../../lib/models";
import { effectiveVersionId } from "../../lib/versions";
import {
  ADVANCED_KEYS,
  buildSpec,
  HYPERPARAMETER_FIELDS,
  initialFormValues,
  isVisible,
  LOSS_ON_HELP,
  LOSS_ON_OPTIONS,
  serverFieldErrors,
  type FormErrors,
  type FormKey,
  type FormValues,
  type LossOn,
  type Stage,
} from "../../lib/runForm";
import { datasetsForStage, modelForStage, STAGE_HELP, STAGE_OPTIONS, stageForKind, stagesForDatasets } from "../../lib/runStage";
import { AdvancedSettings } from "./AdvancedSettings";
import { EvaluationPlanFields, evaluationBlock, NO_EVALUATION, type EvaluationPlanValues } from "./EvaluationPlanFields";
import { FormField } from "./FormField";
import { HyperparameterInput } from "./HyperparameterInput";
import { MethodField } from "./MethodField";
import { MixtureField } from "./MixtureField";
import { VersionField } from "./VersionField";

const DEFAULT_MODEL = "tiny-chat";

const hasAdvancedError = (errors: FormErrors) => Object.entries(errors).some(([k, v]) => v && ADVANCED_KEYS.has(k as FormKey));

/**
 * `initialDataset` (and `initialVersion`, one of its versions) or `initialMixture`: what the form starts on, e.g. from a
 * version's page or the mixtures page.
 */
export function NewRunPage({ initialDataset, initialVersion, initialMixture }: { initialDataset?: string; initialVersion?: string; initialMixture?: string }) {
  const navigate = useNavigate();
  const datasets = useDatasets();
  const models = useModels();
  const createRun = useCreateRun();
  const [values, setValues] = useState<FormValues>(() =>
    initialFormValues({
      datasetId: initialDataset ?? "",
      datasetVersionId: initialDataset ? (initialVersion ?? "") : "",
      mixtureId: initialMixture ?? "",
    }),
  );
  const [errors, setErrors] = useState<FormErrors>({});
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [evaluation, setEvaluation] = useState<EvaluationPlanValues>(NO_EVALUATION);

  // Until the user picks, the selects show a sensible default: the stage the linked dataset is for (raw text means
  // continued pretraining), the dataset from the link or the newest one the stage can use, and a model to match.
  const datasetList = datasets.data ?? [];
  const linked = datasetList.find((d) => d.id === (values.datasetId || initialDataset));
  // A mixture replaces the dataset pickers: its kind decides the stage (a text mixture means continued pretraining).
  const mixture = useMixture(values.mixtureId);
  const mixtureKinds = mixture.data ? [{ format: mixture.data.kind }] : [];
  const stage: Stage = values.stage || stageForKind(values.mixtureId ? mixture.data?.kind : linked?.format) || "sft";
  const usable = datasetsForStage(datasetList, stage);
  const effectiveDataset = usable.some((d) => d.id === values.datasetId) ? values.datasetId : (usable[0]?.id ?? "");
  // The version: the one chosen, else what the server would pick (its newest training version), sent explicitly so
  // the run trains on the version the form showed even if a cleaning finishes meanwhile.
  const versions = useVersions(effectiveDataset);
  const effectiveVersion = effectiveVersionId(versions.data, values.datasetVersionId);

  if (datasets.isPending || models.isPending) return <Loading what="Loading datasets and models" />;
  if (datasets.isError) return <ErrorBox error={datasets.error} title="Could not load the datasets." />;
  if (models.isError) return <ErrorBox error={models.error} title="Could not load the model catalog." />;
  if (!datasets.data.length && !values.mixtureId) {
    return (
      <>
        <PageHeader title="New run" />
        <EmptyState title="Upload a dataset first" action={<Link to="/datasets" className="button button--primary">Go to Datasets</Link>}>
          A run fine-tunes a model on one of your datasets, and you have none yet.
        </EmptyState>
      </>
    );
  }

  const fallbackModel = models.data.some((m) => m.name === DEFAULT_MODEL) ? DEFAULT_MODEL : (models.data[0]?.name ?? "");
  const effectiveModel = values.model || modelForStage(models.data, fallbackModel, stage);
  const otherKinds = datasets.data.length - usable.length;
  const stageOption = STAGE_OPTIONS.find((o) => o.value === stage) ?? STAGE_OPTIONS[0];
  const choices = modelChoices(models.data);
  const family = familyOf(models.data, effectiveModel);

  /** Change fields; their messages (typed or from the server) go away with the value they were about. */
  const update = (patch: Partial<FormValues>) => {
    setValues((prev) => ({ ...prev, ...patch }));
    setErrors((prev) => {
      const next = { ...prev };
      for (const key of Object.keys(patch) as FormKey[]) delete next[key];
      // A new method or memory setting may well fit: the server's "does not fit" no longer applies.
      if ("gradient_checkpointing" in patch || "max_seq_length" in patch || "gpus" in patch) delete next.method;
      // "This stage does not train on that dataset" is about the pair, and a version belongs to its dataset.
      if ("datasetId" in patch || "mixtureId" in patch) {
        delete next.stage;
        delete next.datasetVersionId;
        delete next.mixtureId;
      }
      return next;
    });
  };

  /** A suggestion from the server: apply it, and show it when it changed an advanced setting. */
  const apply = (patch: Partial<FormValues>) => {
    update(patch);
    if ((Object.keys(patch) as FormKey[]).some((k) => ADVANCED_KEYS.has(k))) setAdvancedOpen(true);
  };

  const showErrors = (next: FormErrors) => {
    setErrors(next);
    if (hasAdvancedError(next)) setAdvancedOpen(true);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const built = buildSpec({
      ...values,
      stage,
      datasetId: effectiveDataset,
      datasetVersionId: effectiveVersion ?? "",
      model: effectiveModel,
    });
    if (!built.ok) {
      showErrors(built.errors);
      return;
    }
    setErrors({});
    const plan = evaluationBlock(evaluation);
    createRun.mutate(plan ? { ...built.body, evaluation: plan } : built.body, {
      onSuccess: (run) => void navigate({ to: "/runs/$runId", params: { runId: run.id } }),
      onError: (error) => showErrors(serverFieldErrors(asApiError(error))),
    });
  };

  // A refusal about a field on screen is shown next to it; anything else at the top.
  const shown = { ...values, stage };
  const serverFieldShown =
    createRun.isError && (Object.keys(serverFieldErrors(asApiError(createRun.error))) as FormKey[]).some((k) => isVisible(k, shown));

  /** A new stage: a dataset and a model it can train on (kept when they already fit). */
  const chooseStage = (next: Stage) => {
    const fits = datasetsForStage(datasets.data, next).some((d) => d.id === effectiveDataset);
    update({
      stage: next,
      datasetId: fits ? effectiveDataset : "",
      ...(fits ? {} : { datasetVersionId: "" }),
      model: modelForStage(models.data, effectiveModel, next),
    });
  };
  return (
    <>
      <p className="breadcrumb">
        <Link to="/runs">← Runs</Link>
      </p>
      <PageHeader
        title="New run"
        subtitle="Supervised fine-tuning on conversations, continued pretraining on raw text, or preference tuning (DPO, ORPO, SimPO, KTO) on preference data. Leave a setting on 'auto' to use the recommended value; the run page explains each choice and shows the memory estimate."
      />
      <form className="card form" onSubmit={onSubmit} noValidate>
        {createRun.isError && !serverFieldShown && <ErrorBox error={createRun.error} title="The run was not started." />}
        {createRun.isError && serverFieldShown && (
          <div className="error-box" role="alert">
            The run was not started: fix the field marked below.
          </div>
        )}
        <div className="form__grid">
          <FormField label="Stage" htmlFor="run-stage" help={STAGE_HELP} error={errors.stage}>
            <select id="run-stage" data-testid="run-stage-select" value={stage} onChange={(e) => chooseStage(e.target.value as Stage)}>
              {stagesForDatasets(values.mixtureId ? mixtureKinds : datasets.data, stage).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </FormField>
          {values.mixtureId && <MixtureField mixture={mixture} error={errors.mixtureId} onClear={() => update({ mixtureId: "", stage: "" })} />}
          {!values.mixtureId && (
            <FormField
              label="Dataset"
              htmlFor="run-dataset"
              help={
                specFields.spec.dataset_id.description +
                (otherKinds > 0 ? ` Only ${stageOption.data} datasets are listed for this stage.` : "")
              }
              error={
                errors.datasetId ??
                (usable.length
                  ? undefined
                  : stage === "cpt"
                    ? "No text dataset yet: upload a .txt or .md file (or records with a 'text' field) on the Datasets page."
                    : `No ${stageOption.data} dataset yet: upload one on the Datasets page.`)
              }
            >
              <select id="run-dataset" data-testid="run-dataset-select" value={effectiveDataset} onChange={(e) => update({ datasetId: e.target.value, datasetVersionId: "" })}>
                {!usable.length && <option value="">none</option>}
                {usable.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name} ({d.record_count.toLocaleString()} records)
                  </option>
                ))}
              </select>
            </FormField>
          )}
          {!values.mixtureId && effectiveDataset && (
            <VersionField
              datasetId={effectiveDataset}
              versions={versions}
              value={effectiveVersion}
              error={errors.datasetVersionId}
              onChange={(datasetVersionId) => update({ datasetVersionId })}
            />
          )}
          <FormField
            label="Model"
            htmlFor="run-model"
            help={
              family
                ? `The server picks ${family.models.map((m) => m.name).join(" or ")} from the size of your data and the GPU budget; the run page says which and why.`
                : specFields.spec.model.description
            }
            error={errors.model}
          >
            <select id="run-model" data-testid="run-model-select" value={effectiveModel} onChange={(e) => update({ model: e.target.value })}>
              {choices.families.length > 0 && (
                <optgroup label="Model families">
                  {choices.families.map((c) => (
                    <option key={`family:${c.value}`} value={c.value}>
                      {c.label}
                    </option>
                  ))}
                </optgroup>
              )}
              <optgroup label="Models">
                {choices.models.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </optgroup>
            </select>
          </FormField>
          <MethodField value={values.method} error={errors.method} onChange={(method) => update({ method })} onApply={apply} />
          {isVisible("lossOn", shown) && (
            <FormField label="Loss on" htmlFor="run-loss-on" help={LOSS_ON_HELP} error={errors.lossOn}>
              <select id="run-loss-on" data-testid="run-loss-on-select" value={values.lossOn} onChange={(e) => update({ lossOn: e.target.value as LossOn })}>
                {LOSS_ON_OPTIONS.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            </FormField>
          )}
          <FormField label="Run name (optional)" htmlFor="run-name" help={specFields.spec.name.description} error={errors.name}>
            <input id="run-name" data-testid="run-name-input" value={values.name} maxLength={200} onChange={(e) => update({ name: e.target.value })} />
          </FormField>
        </div>
        <h2>Hyperparameters</h2>
        <div className="form__grid">
          {HYPERPARAMETER_FIELDS.filter((f) => isVisible(f.key, shown)).map((f) => (
            <HyperparameterInput key={f.key} field={f} value={values[f.key]} error={errors[f.key]} onChange={(v) => update({ [f.key]: v })} />
          ))}
        </div>
        <EvaluationPlanFields datasets={datasets.data} values={evaluation} onChange={setEvaluation} />
        <section className={`advanced${advancedOpen ? " advanced--open" : ""}`}>
          <button
            type="button"
            className="advanced__toggle"
            aria-expanded={advancedOpen}
            aria-controls="run-advanced"
            data-testid="run-advanced-toggle"
            onClick={() => setAdvancedOpen((open) => !open)}
          >
            <span className="advanced__chevron" aria-hidden>
              ▸
            </span>
            Advanced
            <span className="muted advanced__hint">method options, memory and precision, speed and scale, evaluation, hardware</span>
            {!advancedOpen && hasAdvancedError(errors) && <span className="field__error advanced__flag">a setting here needs fixing</span>}
          </button>
          {advancedOpen && <AdvancedSettings values={shown} errors={errors} onChange={update} />}
        </section>
        <div className="form__actions">
          <button type="submit" className="button button--primary" data-testid="start-run-button" disabled={createRun.isPending}>
            {createRun.isPending ? "Starting…" : "Start run"}
          </button>
        </div>
      </form>
    </>
  );
}
