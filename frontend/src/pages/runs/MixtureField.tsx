import { Link } from "@tanstack/react-router";
import type { UseQueryResult } from "@tanstack/react-query";
import type { Mixture } from "../../client";
import { asApiError } from "../../api/errors";
import { specFields } from "../../client/specFields";
import { FormField } from "./FormField";

interface MixtureFieldProps {
  mixture: UseQueryResult<Mixture>;
  error?: string;
  /** Back to the dataset and version pickers. */
  onClear: () => void;
}

/** In place of the dataset and version pickers when the run trains on a mixture: which one, and a way back. */
export function MixtureField({ mixture, error, onClear }: MixtureFieldProps) {
  const m = mixture.data;
  const trouble = mixture.isError ? `Could not load the mixture: ${asApiError(mixture.error).detail}` : undefined;
  const records = typeof m?.plan.total_records === "number" ? m.plan.total_records.toLocaleString() : "?";
  const notReady = m && m.status !== "succeeded" ? `This mixture is ${m.status}; only a materialised (succeeded) mixture can be trained on.` : undefined;
  return (
    <FormField label="Training data" htmlFor="run-mixture" help={specFields.spec.mixture_id.description} error={error ?? trouble ?? notReady}>
      <div className="run-mixture">
        <output id="run-mixture" data-testid="run-mixture">
          {m ? (
            <>
              Mixture:{" "}
              <Link to="/mixtures" hash={m.id}>
                {m.name} v{m.version}
              </Link>{" "}
              <span className="muted">
                ({m.kind}, {records} records, seed {m.seed})
              </span>
            </>
          ) : mixture.isPending ? (
            "Loading the mixture…"
          ) : (
            "Mixture unavailable"
          )}
        </output>{" "}
        <button type="button" className="button" data-testid="run-mixture-clear" onClick={onClear}>
          Pick a dataset instead
        </button>
      </div>
    </FormField>
  );
}
