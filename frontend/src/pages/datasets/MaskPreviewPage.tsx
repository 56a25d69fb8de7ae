import { Link, useNavigate } from "@tanstack/react-router";
import { useCallback, useEffect, useState } from "react";
import { useDataset, useMaskPreview } from "../../api/datasets";
import { useVersion } from "../../api/versions";
import { asApiError } from "../../api/errors";
import { useModels } from "../../api/models";
import type { CatalogModel, MaskPreview } from "../../client";
import { ErrorBox } from "../../components/ErrorBox";
import { PageHeader } from "../../components/PageHeader";
import { ProgressBar } from "../../components/ProgressBar";
import { DEFAULT_MASK_MODEL, LOSS_ON_CHOICES, maskSummary, type LossOn } from "../../lib/maskPreview";
import { modelChoices } from "../../lib/models";
import { LOSS_ON_HELP } from "../../lib/runForm";
import { FormField } from "../runs/FormField";
import { MaskLegend, MaskTokens } from "./MaskTokens";

interface MaskPreviewPageProps {
  datasetId: string;
  /** The record is read from this version of the dataset (the upload's records when absent). */
  versionId?: string;
  /** 0-based record index, as in the API. */
  index: number;
  /** From the URL; absent means the default model. */
  model?: string;
  lossOn?: LossOn;
}

/** tiny-chat when the catalog has it, else its first model; tiny-chat (the server's default) without a catalog. */
function defaultModel(models: readonly CatalogModel[] | undefined): string {
  if (!models?.length || models.some((m) => m.name === DEFAULT_MASK_MODEL)) return DEFAULT_MASK_MODEL;
  return models[0].name;
}

/** Shown while the worker renders: a moving bar and the seconds waited so far. */
function MaskLoading({ what }: { what: string }) {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setSeconds((s) => s + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="mask-loading" data-testid="mask-loading" role="status">
      <p className="loading">
        <span className="spinner" aria-hidden />
        {what}
      </p>
      <ProgressBar value={null} label={`${seconds} s`} />
      <p className="muted">
        A CPU worker renders the record with the model&apos;s tokenizer. This usually takes a few seconds; if no worker
        answers, the server says so.
      </p>
    </div>
  );
}

function errorTitle(status: number, model: string, index: number): string {
  if (status === 503) return "No CPU worker answered, so the preview could not be rendered.";
  // The server counts records from 0 ("Record 3"), the dataset page from #1: name both.
  if (status === 422) return `Record #${index + 1} (index ${index}) cannot be previewed with ${model}.`;
  if (status === 404) return "There is no such record.";
  return "Could not render the loss-mask preview.";
}

function MaskError({ error, model, index, retrying, onRetry }: {
  error: unknown;
  model: string;
  index: number;
  retrying: boolean;
  onRetry: () => void;
}) {
  const { status } = asApiError(error);
  const canRetry = status === 0 || status >= 500;
  return (
    <div className="mask-error">
      <ErrorBox error={error} title={errorTitle(status, model, index)} testId="mask-error" />
      {canRetry && (
        <button type="button" className="button" data-testid="mask-retry" disabled={retrying} onClick={onRetry}>
          {retrying ? "Trying again…" : "Try again"}
        </button>
      )}
    </div>
  );
}

function MaskResult({ data }: { data: MaskPreview }) {
  const templateLines = data.template.split("\n").length;
  return (
    <>
      <p className="mask-summary-line">
        <strong data-testid="mask-summary">{maskSummary(data.trained_tokens, data.total_tokens)}</strong>{" "}
        <span className="muted">
          with {data.model}, loss on {data.loss_on === "all" ? "every token" : "the assistant's answers"}
        </span>
      </p>
      {data.trained_tokens === 0 && data.total_tokens > 0 && (
        <p className="notice" data-testid="mask-no-trained">
          No token of this record is trained, so training skips it
          {data.loss_on === "assistant" ? ": it has no assistant answer that carries loss (or each has weight 0)." : "."}
        </p>
      )}
      <MaskLegend />
      <MaskTokens tokens={data.tokens} />
      <dl className="facts mask-facts">
        <div>
          <dt>Chat template</dt>
          <dd data-testid="mask-template-reason">{data.template_reason}</dd>
        </div>
        <div>
          <dt>Default system prompt</dt>
          <dd data-testid="mask-system-prompt">
            {data.default_system_prompt ? (
              <>
                <q>{data.default_system_prompt}</q>
                <span className="mask-facts__note">inserted when a record has no system message</span>
              </>
            ) : (
              <span className="muted">none; a record without a system message gets none</span>
            )}
          </dd>
        </div>
      </dl>
      <details className="settings" data-testid="mask-template">
        <summary>
          Full chat template ({templateLines.toLocaleString()} line{templateLines === 1 ? "" : "s"})
        </summary>
        <pre className="mask-template">{data.template}</pre>
      </details>
    </>
  );
}

/**
 * The loss-mask preview of one record: the record rendered with a model's chat template, token by token, each
 * marked trained or not: what a run on that model would train. Model and loss_on live in the URL, so the page can
 * be linked to (the run page does, for records that failed validation).
 */
export function MaskPreviewPage({
  datasetId,
  versionId,
  index,
  model: askedModel,
  lossOn = "assistant",
}: MaskPreviewPageProps) {
  const navigate = useNavigate();
  const dataset = useDataset(datasetId);
  const version = useVersion(versionId);
  const models = useModels();
  const model = askedModel ?? (models.isPending ? "" : defaultModel(models.data));
  const preview = useMaskPreview({ datasetId, versionId, index, model, lossOn });
  const recordCount = versionId ? (version.data?.record_count ?? undefined) : dataset.data?.record_count;
  const hasPrev = index > 0;
  const hasNext = recordCount === undefined || index + 1 < recordCount;

  const go = useCallback(
    (patch: { index?: number; model?: string; lossOn?: LossOn }) =>
      void navigate({
        to: "/datasets/$datasetId/records/$index/mask",
        params: { datasetId, index: String(patch.index ?? index) },
        search: { model: patch.model ?? (model || undefined), loss_on: patch.lossOn ?? lossOn, version: versionId },
        replace: patch.index === undefined,
      }),
    [navigate, datasetId, versionId, index, model, lossOn],
  );

  // ← and → step through the records, unless a control has the focus.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest("input, select, textarea, [contenteditable]")) return;
      if (e.key === "ArrowLeft" && hasPrev) go({ index: index - 1 });
      else if (e.key === "ArrowRight" && hasNext) go({ index: index + 1 });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [go, index, hasPrev, hasNext]);

  // The catalog's models (never families: a preview needs one tokenizer); a model from the URL the catalog does
  // not list stays selectable, and the server says what is wrong with it.
  const options = models.data ? modelChoices(models.data).models : [];
  if (model && !options.some((o) => o.value === model)) options.unshift({ value: model, label: `${model} (not in the catalog)`, kind: "model" });

  const linkSearch = { model: model || undefined, loss_on: lossOn, version: versionId };
  const name = dataset.data?.name ?? "Dataset";
  return (
    <>
      <p className="breadcrumb">
        {versionId ? (
          <Link to="/datasets/$datasetId/versions/$versionId" params={{ datasetId, versionId }}>
            ← {name} v{version.data?.number ?? "…"}
          </Link>
        ) : (
          <Link to="/datasets/$datasetId" params={{ datasetId }}>
            ← {name}
          </Link>
        )}
      </p>
      <PageHeader
        title={`Loss mask · record #${index + 1}`}
        subtitle={
          <>
            What a run would train on this record: the record rendered with the model&apos;s chat template, token by
            token. Record index {index}
            {recordCount !== undefined && <> of {recordCount.toLocaleString()} records</>}.
          </>
        }
        actions={
          <nav className="mask-nav" aria-label="Records">
            {hasPrev ? (
              <Link
                className="button"
                data-testid="mask-prev"
                to="/datasets/$datasetId/records/$index/mask"
                params={{ datasetId, index: String(index - 1) }}
                search={linkSearch}
                title="Previous record (←)"
              >
                ← Previous
              </Link>
            ) : (
              <button type="button" className="button" data-testid="mask-prev" disabled>
                ← Previous
              </button>
            )}
            {hasNext ? (
              <Link
                className="button"
                data-testid="mask-next"
                to="/datasets/$datasetId/records/$index/mask"
                params={{ datasetId, index: String(index + 1) }}
                search={linkSearch}
                title="Next record (→)"
              >
                Next →
              </Link>
            ) : (
              <button type="button" className="button" data-testid="mask-next" disabled>
                Next →
              </button>
            )}
          </nav>
        }
      />
      <section className="card mask-controls">
        <FormField
          label="Model"
          htmlFor="mask-model"
          help="Its tokenizer and chat template render the record. Models only: a family has no single template."
        >
          <select
            id="mask-model"
            data-testid="mask-model-select"
            value={model}
            disabled={models.isPending}
            onChange={(e) => go({ model: e.target.value })}
          >
            {models.isPending && <option value="">Loading models…</option>}
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </FormField>
        <div className="field">
          <span className="field__label" id="mask-loss-on-label">
            Loss on
          </span>
          <div className="segmented" role="radiogroup" aria-labelledby="mask-loss-on-label" data-testid="mask-loss-on" data-value={lossOn}>
            {LOSS_ON_CHOICES.map((choice) => (
              <label key={choice} className={`segmented__option${choice === lossOn ? " segmented__option--active" : ""}`}>
                <input
                  type="radio"
                  name="mask-loss-on"
                  value={choice}
                  checked={choice === lossOn}
                  data-testid={`mask-loss-on-${choice}`}
                  onChange={() => go({ lossOn: choice })}
                />
                {choice}
              </label>
            ))}
          </div>
          <p className="field__help">{LOSS_ON_HELP}</p>
        </div>
        {models.isError && <ErrorBox error={models.error} title="Could not load the model catalog; previewing with the default model." />}
      </section>
      <section className="card mask-preview" aria-busy={preview.isFetching}>
        {preview.isPending && (
          <MaskLoading
            what={model ? `Rendering record #${index + 1} with ${model}'s chat template…` : "Loading the model catalog…"}
          />
        )}
        {preview.isError && (
          <MaskError
            error={preview.error}
            model={model}
            index={index}
            retrying={preview.isFetching}
            onRetry={() => void preview.refetch()}
          />
        )}
        {preview.data && <MaskResult data={preview.data} />}
      </section>
    </>
  );
}
