import type { UseQueryResult } from "@tanstack/react-query";
import type { DatasetVersion } from "../../client";
import { asApiError } from "../../api/errors";
import { defaultRunVersion, runVersionChoices, versionOptionLabel } from "../../lib/versions";
import { FormField } from "./FormField";

interface VersionFieldProps {
  datasetId: string;
  versions: UseQueryResult<DatasetVersion[]>;
  /** The version the run will be sent with; undefined while none is known (the server then picks). */
  value: string | undefined;
  error?: string;
  onChange: (versionId: string) => void;
}

/** Which version of the dataset the run trains on: the succeeded ones with records, the newest training one first chosen. */
export function VersionField({ datasetId, versions, value, error, onChange }: VersionFieldProps) {
  const all = versions.data ?? [];
  const choices = runVersionChoices(all);
  const fallback = defaultRunVersion(all);
  const byId = new Map(all.map((v) => [v.id, v]));
  const trouble = versions.isError
    ? `Could not list the versions (${asApiError(versions.error).detail}); the run will train on the newest training version.`
    : undefined;
  return (
    <FormField
      label="Dataset version"
      htmlFor="run-dataset-version"
      help={
        "Cleaned and split versions of the dataset; by default the newest version that is not an eval split " +
        "(what a run on the dataset trains on). The run page shows the version and its content hash."
      }
      error={error ?? trouble}
    >
      <select
        id="run-dataset-version"
        data-testid="run-dataset-version-select"
        data-dataset={datasetId}
        value={value ?? ""}
        disabled={!choices.length}
        onChange={(e) => onChange(e.target.value)}
      >
        {!choices.length && <option value="">{versions.isPending ? "loading versions…" : "newest training version"}</option>}
        {choices.map((v) => (
          <option key={v.id} value={v.id}>
            {versionOptionLabel(v, byId)}
            {v.id === fallback?.id ? " (newest, default)" : ""}
          </option>
        ))}
      </select>
    </FormField>
  );
}
