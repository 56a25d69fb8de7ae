import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { useDataset, useDatasets } from "../../api/datasets";
import { useModels } from "../../api/models";
import { isReportActive, useCreateReport, useReports } from "../../api/reports";
import { ErrorBox } from "../../components/ErrorBox";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { ProgressBar } from "../../components/ProgressBar";
import { formatDate } from "../../lib/format";
import { DEFAULT_MASK_MODEL } from "../../lib/maskPreview";
import { ReportSections } from "./ReportSections";

/** The data report of a dataset: request one (model, optional dataset to compare with), watch it, read it. */
export function ReportPage({ datasetId }: { datasetId: string }) {
  const dataset = useDataset(datasetId);
  const datasets = useDatasets();
  const models = useModels();
  const reports = useReports(datasetId);
  const create = useCreateReport(datasetId);
  const [model, setModel] = useState("");
  const [compareWith, setCompareWith] = useState("");
  const [threshold, setThreshold] = useState("0.8");
  const chosenModel = model || (models.data?.some((m) => m.name === DEFAULT_MASK_MODEL) ? DEFAULT_MASK_MODEL : (models.data?.[0]?.name ?? ""));
  const latest = reports.data?.[0];

  return (
    <>
      <p className="breadcrumb">
        <Link to="/datasets/$datasetId" params={{ datasetId }}>
          ← {dataset.data?.name ?? "Dataset"}
        </Link>
      </p>
      <PageHeader
        title="Data report"
        subtitle="Token lengths, languages, duplicates, garbage, PII and train/eval contamination, computed by a CPU worker."
      />
      <form
        className="card report-form"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate({ model: chosenModel, compare_with: compareWith || null, near_duplicate_threshold: Number(threshold) });
        }}
      >
        <label>
          Tokenizer of
          <select value={chosenModel} onChange={(e) => setModel(e.target.value)} data-testid="report-model-select">
            {models.data?.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Compare with (contamination)
          <select value={compareWith} onChange={(e) => setCompareWith(e.target.value)} data-testid="report-compare-select">
            <option value="">— none —</option>
            {datasets.data
              ?.filter((d) => d.id !== datasetId)
              .map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
          </select>
        </label>
        <label>
          Near-duplicate threshold
          <input
            type="number"
            min={0.5}
            max={1}
            step={0.05}
            value={threshold}
            onChange={(e) => setThreshold(e.target.value)}
            data-testid="report-threshold-input"
          />
        </label>
        <button
          type="submit"
          className="button button--primary"
          disabled={!chosenModel || create.isPending || isReportActive(latest)}
          data-testid="report-run-button"
        >
          {isReportActive(latest) ? "Report running…" : "Run report"}
        </button>
        {create.isError && <ErrorBox error={create.error} title="The report could not be started." />}
      </form>

      {reports.isPending && <Loading what="Loading reports" />}
      {reports.isError && <ErrorBox error={reports.error} title="Could not load the reports." />}
      {reports.data && !latest && <p className="muted">No report yet: choose a model and run one.</p>}
      {latest && (
        <section data-testid="report" data-status={latest.status}>
          <p className="muted">
            Report {latest.id} with {latest.model}&apos;s tokenizer · requested {formatDate(latest.created_at)} ·{" "}
            <span data-testid="report-status">{latest.status}</span>
          </p>
          {isReportActive(latest) && (
            <ProgressBar
              value={latest.status === "queued" ? null : latest.progress * 100}
              label={latest.status === "queued" ? "waiting for a CPU worker" : `${Math.round(latest.progress * 100)} %`}
              testId="report-progress"
            />
          )}
          {latest.status === "failed" && (
            <div className="error-box" role="alert" data-testid="report-error">
              {latest.error}
            </div>
          )}
          {latest.result && <ReportSections datasetId={datasetId} result={latest.result} />}
        </section>
      )}
    </>
  );
}
