import { useState, type FormEvent } from "react";
import type { Checkpoint, Dataset } from "../../client";
import { asApiError } from "../../api/errors";
import { useCreateEvaluation } from "../../api/evaluations";
import { DatasetChecks, SCORED_KINDS } from "../../components/DatasetChecks";
import { ErrorBox } from "../../components/ErrorBox";
import { GENERATION_BACKENDS, type GenerationBackend } from "../../lib/evaluations";
import { FormField } from "../runs/FormField";

interface EvaluateFormProps {
  datasets: Dataset[];
  checkpoints: Checkpoint[];
  models: string[];
}

/** Evaluate a checkpoint or a catalog model now, on chosen eval sets (and general sets for forgetting). */
export function EvaluateForm({ datasets, checkpoints, models }: EvaluateFormProps) {
  const create = useCreateEvaluation();
  const [target, setTarget] = useState(models[0] ? `model:${models[0]}` : "");
  const [sets, setSets] = useState<string[]>([]);
  const [general, setGeneral] = useState<string[]>([]);
  const [promptStyle, setPromptStyle] = useState<"plain" | "chat">("plain");
  const [generateAnswers, setGenerateAnswers] = useState(false);
  const [backend, setBackend] = useState<GenerationBackend>("auto");
  const scorable = datasets.filter((d) => SCORED_KINDS.has(d.format));
  const error = create.isError ? asApiError(create.error) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    const [kind, id] = [target.slice(0, target.indexOf(":")), target.slice(target.indexOf(":") + 1)];
    create.mutate({
      ...(kind === "model" ? { model: id } : { checkpoint_id: id }),
      dataset_ids: sets,
      general_dataset_ids: general,
      prompt_style: promptStyle,
      generate_answers: generateAnswers,
      generation_backend: backend,
    });
  }

  return (
    <form className="card form" onSubmit={submit} data-testid="evaluate-form">
      <h2 className="card__title">Evaluate now</h2>
      <FormField label="Model or checkpoint" htmlFor="evaluate-target">
        <select id="evaluate-target" data-testid="evaluate-target" value={target} onChange={(e) => setTarget(e.target.value)}>
          {models.map((m) => (
            <option key={m} value={`model:${m}`}>
              {m} (catalog model)
            </option>
          ))}
          {checkpoints.map((c) => (
            <option key={c.id} value={`checkpoint:${c.id}`}>
              {c.run_id} · step {c.step}
            </option>
          ))}
        </select>
      </FormField>
      <FormField label="Eval sets" htmlFor="evaluate-sets" help="Multiple-choice sets give accuracy; conversation and text sets give eval loss.">
        <DatasetChecks name="evaluate-sets" datasets={scorable} chosen={sets} onChange={setSets} />
      </FormField>
      <FormField
        label="General sets (forgetting)"
        htmlFor="evaluate-general"
        help="For a checkpoint, scored for it and for its run's untouched model; the change shows forgetting."
      >
        <DatasetChecks name="evaluate-general" datasets={scorable} chosen={general} onChange={setGeneral} />
      </FormField>
      <FormField label="Prompt style" htmlFor="evaluate-style" help="'plain' scores like lm-evaluation-harness; 'chat' uses the model's chat template.">
        <select id="evaluate-style" value={promptStyle} onChange={(e) => setPromptStyle(e.target.value === "chat" ? "chat" : "plain")}>
          <option value="plain">plain</option>
          <option value="chat">chat</option>
        </select>
      </FormField>
      <div className="field field--check">
        <label className="check">
          <input type="checkbox" data-testid="evaluate-generate" checked={generateAnswers} onChange={(e) => setGenerateAnswers(e.target.checked)} />
          Also generate answers to multiple-choice questions and read the chosen letter (MC generated accuracy)
        </label>
      </div>
      {generateAnswers && (
        <FormField
          label="Who generates the answers"
          htmlFor="evaluate-backend"
          help="The same greedy answers either way; the evaluation shows which one generated and why."
        >
          <select
            id="evaluate-backend"
            data-testid="evaluate-backend"
            value={backend}
            onChange={(e) => setBackend(GENERATION_BACKENDS.find((b) => b.value === e.target.value)?.value ?? "auto")}
          >
            {GENERATION_BACKENDS.map((b) => (
              <option key={b.value} value={b.value}>
                {b.label}
              </option>
            ))}
          </select>
        </FormField>
      )}
      {error && <ErrorBox error={error} title="The evaluation was not started." testId="evaluate-error" />}
      <button type="submit" className="button button--primary" data-testid="evaluate-button" disabled={create.isPending || !target}>
        {create.isPending ? "Starting…" : "Evaluate"}
      </button>
    </form>
  );
}
