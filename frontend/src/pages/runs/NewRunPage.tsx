import { Link, useNavigate } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { useDatasets } from "../../api/datasets";
import { asApiError } from "../../api/errors";
import { useModels } from "../../api/models";
import { useCreateRun } from "../../api/runs";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { specFields } from "../../client/specFields";
import {
  buildSpec,
  formFieldFor,
  HYPERPARAMETER_FIELDS,
  initialHyperparameterText,
  LOSS_ON_HELP,
  LOSS_ON_OPTIONS,
  type FormErrors,
  type HyperparameterKey,
  type LossOn,
} from "../../lib/runForm";
import { FormField } from "./FormField";
import { HyperparameterInput } from "./HyperparameterInput";

const DEFAULT_MODEL = "tiny-chat";

export function NewRunPage({ initialDataset }: { initialDataset?: string }) {
  const navigate = useNavigate();
  const datasets = useDatasets();
  const models = useModels();
  const createRun = useCreateRun();
  const [datasetId, setDatasetId] = useState(initialDataset ?? "");
  const [model, setModel] = useState("");
  const [name, setName] = useState("");
  const [lossOn, setLossOn] = useState<LossOn>("assistant");
  const [hp, setHp] = useState(initialHyperparameterText);
  const [errors, setErrors] = useState<FormErrors>({});

  if (datasets.isPending || models.isPending) return <Loading what="Loading datasets and models" />;
  if (datasets.isError) return <ErrorBox error={datasets.error} title="Could not load the datasets." />;
  if (models.isError) return <ErrorBox error={models.error} title="Could not load the model catalog." />;
  if (!datasets.data.length) {
    return (
      <>
        <PageHeader title="New run" />
        <EmptyState title="Upload a dataset first" action={<Link to="/datasets" className="button button--primary">Go to Datasets</Link>}>
          A run fine-tunes a model on one of your datasets, and you have none yet.
        </EmptyState>
      </>
    );
  }

  // Until the user picks, the selects show a sensible default: the dataset from the link, or the newest one.
  const effectiveDataset = datasetId || datasets.data[0].id;
  const effectiveModel = model || (models.data.some((m) => m.name === DEFAULT_MODEL) ? DEFAULT_MODEL : (models.data[0]?.name ?? ""));

  const setField = (key: HyperparameterKey, value: string) => {
    setHp((prev) => ({ ...prev, [key]: value }));
    setErrors((prev) => ({ ...prev, [key]: undefined }));
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const built = buildSpec({ ...hp, datasetId: effectiveDataset, model: effectiveModel, name, lossOn });
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    createRun.mutate(built.body, {
      onSuccess: (run) => void navigate({ to: "/runs/$runId", params: { runId: run.id } }),
      onError: (error) => {
        const key = formFieldFor(asApiError(error).field);
        if (key) setErrors({ [key]: asApiError(error).detail });
      },
    });
  };

  const serverFieldShown = createRun.isError && formFieldFor(asApiError(createRun.error).field) !== null;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/runs">← Runs</Link>
      </p>
      <PageHeader title="New run" subtitle="Supervised fine-tuning with LoRA. Leave a setting on 'auto' to use the recommended value; the run page explains each choice." />
      <form className="card form" onSubmit={onSubmit} noValidate>
        {createRun.isError && !serverFieldShown && <ErrorBox error={createRun.error} title="The run was not started." />}
        {createRun.isError && serverFieldShown && (
          <div className="error-box" role="alert">The run was not started: fix the field marked below.</div>
        )}
        <div className="form__grid">
          <FormField label="Dataset" htmlFor="run-dataset" help={specFields.spec.dataset_id.description} error={errors.datasetId}>
            <select id="run-dataset" data-testid="run-dataset-select" value={effectiveDataset} onChange={(e) => setDatasetId(e.target.value)}>
              {datasets.data.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({d.record_count.toLocaleString()} records)
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Model" htmlFor="run-model" help={specFields.spec.model.description} error={errors.model}>
            <select id="run-model" data-testid="run-model-select" value={effectiveModel} onChange={(e) => setModel(e.target.value)}>
              {models.data.map((m) => (
                <option key={m.id} value={m.name}>
                  {m.name} ({m.variant}){m.available ? "" : " — not available"}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Method" htmlFor="run-method" help={specFields.spec.method.description}>
            <input id="run-method" value="LoRA" readOnly disabled />
          </FormField>
          <FormField label="Loss on" htmlFor="run-loss-on" help={LOSS_ON_HELP}>
            <select id="run-loss-on" value={lossOn} onChange={(e) => setLossOn(e.target.value as LossOn)}>
              {LOSS_ON_OPTIONS.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Run name (optional)" htmlFor="run-name" help={specFields.spec.name.description} error={errors.name}>
            <input id="run-name" data-testid="run-name-input" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
          </FormField>
        </div>
        <h2>Hyperparameters</h2>
        <div className="form__grid">
          {HYPERPARAMETER_FIELDS.map((f) => (
            <HyperparameterInput key={f.key} field={f} value={hp[f.key]} error={errors[f.key]} onChange={(v) => setField(f.key, v)} />
          ))}
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary" data-testid="start-run-button" disabled={createRun.isPending}>
            {createRun.isPending ? "Starting…" : "Start run"}
          </button>
        </div>
      </form>
    </>
  );
}
