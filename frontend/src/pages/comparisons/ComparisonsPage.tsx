import { Link } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { useComparisons, useCreateComparison } from "../../api/comparisons";
import { useDatasets } from "../../api/datasets";
import { useServableModels } from "../../api/serving";
import { EmptyState } from "../../components/EmptyState";
import { ErrorBox } from "../../components/ErrorBox";
import { LoadMore } from "../../components/LoadMore";
import { Loading } from "../../components/Loading";
import { PageHeader } from "../../components/PageHeader";
import { ProgressBar } from "../../components/ProgressBar";
import { StatusBadge } from "../../components/StatusBadge";

/** Blind side-by-side studies: start one, then rate its pairs or read its results. */
export function ComparisonsPage() {
  const comparisons = useComparisons();
  return (
    <>
      <PageHeader
        title="Side by side"
        subtitle="Candidates answer the same open prompts; people rate the answers blind, as A or B, and the results rank them."
      />
      {comparisons.isPending && <Loading what="Loading studies" />}
      {comparisons.isError && <ErrorBox error={comparisons.error} title="Could not load the studies." />}
      {comparisons.data &&
        (comparisons.data.length ? (
          <div className="card card--flush">
            <table className="table" data-testid="comparisons-table">
              <thead>
                <tr>
                  <th>Study</th>
                  <th>Status</th>
                  <th className="num">Prompts</th>
                  <th className="num">Pairs</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {comparisons.data.map((c) => (
                  <tr key={c.id}>
                    <td>{c.name}</td>
                    <td>
                      <StatusBadge status={c.status} />
                      {c.status === "running" && <ProgressBar value={c.progress} />}
                      {c.error && <p className="field__error">{c.error}</p>}
                    </td>
                    <td className="num">{c.prompt_count}</td>
                    <td className="num">{c.pair_count}</td>
                    <td>
                      {c.status === "succeeded" && (
                        <>
                          <Link to="/comparisons/$comparisonId/rate" params={{ comparisonId: c.id }} className="button button--small">
                            Rate
                          </Link>{" "}
                          <Link to="/comparisons/$comparisonId/results" params={{ comparisonId: c.id }} className="button button--small">
                            Results
                          </Link>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <LoadMore query={comparisons} />
          </div>
        ) : (
          <EmptyState title="No side-by-side studies yet">
            Upload a prompts dataset (JSONL records with a prompt and an optional reference), then pick two or more
            models below.
          </EmptyState>
        ))}
      <NewComparisonForm />
    </>
  );
}

function NewComparisonForm() {
  const datasets = useDatasets();
  const models = useServableModels();
  const create = useCreateComparison();
  const prompts = (datasets.data ?? []).filter((d) => d.format === "prompts");
  const [datasetId, setDatasetId] = useState("");
  const [candidates, setCandidates] = useState<string[]>([]);
  const chosenDataset = datasetId || prompts[0]?.id || "";

  function toggle(id: string) {
    setCandidates((now) => (now.includes(id) ? now.filter((c) => c !== id) : [...now, id]));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name: "", dataset_id: chosenDataset, candidates }, { onSuccess: () => setCandidates([]) });
  }

  return (
    <form className="card form" onSubmit={submit} data-testid="comparison-form">
      <h2 className="card__title">New study</h2>
      <label className="field">
        <span className="field__label">Prompts</span>
        <select value={chosenDataset} onChange={(e) => setDatasetId(e.target.value)} data-testid="comparison-dataset">
          {prompts.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({d.record_count} prompts)
            </option>
          ))}
        </select>
        {!prompts.length && <p className="field__help">No prompts dataset yet: upload one on the Datasets page.</p>}
      </label>
      <fieldset className="field">
        <legend className="field__label">Candidates (two or more)</legend>
        {(models.data ?? []).map((m) => (
          <label key={m.id}>
            <input type="checkbox" checked={candidates.includes(m.id)} onChange={() => toggle(m.id)} /> {m.label}
          </label>
        ))}
      </fieldset>
      <ErrorBox error={create.error} title="Could not start the study." />
      <button
        type="submit"
        className="button button--primary"
        data-testid="comparison-create"
        disabled={create.isPending || !chosenDataset || candidates.length < 2}
      >
        Generate answers
      </button>
    </form>
  );
}
