import { useState } from "react";
import type { CleaningCreate, DatasetVersion } from "../../client";
import { useModels } from "../../api/models";
import { useCleanDataset } from "../../api/versions";
import { ErrorBox } from "../../components/ErrorBox";

const optional = (value: string): number | null => (value.trim() === "" ? null : Number(value));

/** The cleaning form: each filter optional; the new version appears in the list, its counts when it is done. */
export function CleaningDialog({
  datasetId,
  parent,
  onClose,
}: {
  datasetId: string;
  parent: DatasetVersion;
  onClose: () => void;
}) {
  const clean = useCleanDataset(datasetId);
  const [exact, setExact] = useState(true);
  const [near, setNear] = useState("");
  const [minLength, setMinLength] = useState("");
  const [maxLength, setMaxLength] = useState("");
  const [garbage, setGarbage] = useState("");
  const [pii, setPii] = useState(false);
  const [unit, setUnit] = useState<"characters" | "tokens">("characters");
  const models = useModels();
  const [model, setModel] = useState("");
  const tokenizer = model || models.data?.[0]?.name || "";
  const body: CleaningCreate = {
    parent_version_id: parent.id,
    exact_dedup: exact,
    near_dedup_threshold: optional(near),
    min_length: optional(minLength),
    max_length: optional(maxLength),
    length_unit: unit,
    model: unit === "tokens" ? tokenizer : null,
    garbage_threshold: optional(garbage),
    drop_pii: pii,
  };
  return (
    <form
      className="card report-form"
      role="dialog"
      aria-label="Clean this version"
      data-testid="cleaning-dialog"
      onSubmit={(event) => {
        event.preventDefault();
        clean.mutate(body, { onSuccess: onClose });
      }}
    >
      <p>
        Clean version {parent.number} ({parent.record_count?.toLocaleString()} records) into a new version. Filters apply in
        order: length, garbage, PII, exact then near duplicates; the first record of each duplicate group stays.
      </p>
      <label>
        <input type="checkbox" checked={exact} onChange={(e) => setExact(e.target.checked)} data-testid="clean-exact" />
        Drop exact duplicates
      </label>
      <label>
        Near-duplicate threshold (0.5–1, empty: off)
        <input type="number" min={0.5} max={1} step={0.05} value={near} onChange={(e) => setNear(e.target.value)} data-testid="clean-near" />
      </label>
      <label>
        Lengths in
        <select value={unit} onChange={(e) => setUnit(e.target.value as "characters" | "tokens")} data-testid="clean-unit">
          <option value="characters">characters</option>
          <option value="tokens">tokens</option>
        </select>
      </label>
      {unit === "tokens" && (
        <label>
          Tokenizer of
          <select value={tokenizer} onChange={(e) => setModel(e.target.value)} data-testid="clean-model">
            {models.data?.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Min length
        <input type="number" min={0} value={minLength} onChange={(e) => setMinLength(e.target.value)} data-testid="clean-min" />
      </label>
      <label>
        Max length
        <input type="number" min={1} value={maxLength} onChange={(e) => setMaxLength(e.target.value)} data-testid="clean-max" />
      </label>
      <label>
        Garbage threshold (repeated-trigram share, e.g. 0.5)
        <input type="number" min={0.05} max={0.95} step={0.05} value={garbage} onChange={(e) => setGarbage(e.target.value)} data-testid="clean-garbage" />
      </label>
      <label>
        <input type="checkbox" checked={pii} onChange={(e) => setPii(e.target.checked)} data-testid="clean-pii" />
        Drop records with PII-looking strings
      </label>
      <div>
        <button type="submit" className="button button--primary" disabled={clean.isPending} data-testid="clean-submit">
          Clean
        </button>{" "}
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
      {clean.isError && <ErrorBox error={clean.error} title="The cleaning could not be started." />}
    </form>
  );
}
