// Dataset versions as the UI names and offers them: lineage in words, which version a run trains on by default
// (the server's rule, backend/versions newest_for_training), and the versions a run can be started on.
import type { DatasetVersion } from "../client";

type VersionLike = Pick<DatasetVersion, "id" | "number" | "operation" | "role" | "parent_id" | "parameters" | "status" | "record_count">;

/** How the version was made: "upload", "cleaned of v1", "split of v2 (train, seed 42)", "mixture". */
export function describeVersion(version: VersionLike, byId: ReadonlyMap<string, Pick<DatasetVersion, "number">>): string {
  const parent = version.parent_id ? byId.get(version.parent_id) : undefined;
  const from = parent ? ` of v${parent.number}` : "";
  if (version.operation === "upload") return "upload";
  if (version.operation === "split") return `split${from} (${version.role}, seed ${String(version.parameters.seed)})`;
  if (version.operation === "mixture") return `mixture${from}`;
  return `cleaned${from}`;
}

/** What a run on the dataset trains on when it names no version: the newest succeeded one that is not an eval split. */
export function defaultRunVersion<V extends VersionLike>(versions: readonly V[]): V | undefined {
  return [...versions].sort((a, b) => b.number - a.number).find((v) => v.status === "succeeded" && v.role !== "eval");
}

/** The versions a run can train on (succeeded, with records), newest first. */
export function runVersionChoices<V extends VersionLike>(versions: readonly V[]): V[] {
  return versions.filter((v) => v.status === "succeeded" && (v.record_count ?? 0) > 0).sort((a, b) => b.number - a.number);
}

/** The picker's value: the one chosen while it is still offered, else the default (undefined while none is known). */
export function effectiveVersionId(versions: readonly VersionLike[] | undefined, chosen: string): string | undefined {
  if (!versions) return undefined;
  if (chosen && runVersionChoices(versions).some((v) => v.id === chosen)) return chosen;
  const fallback = defaultRunVersion(versions);
  return fallback && (fallback.record_count ?? 0) > 0 ? fallback.id : undefined;
}

/** "v2 · cleaned of v1 · 40 records · 1a2b3c4d5e6f". */
export function versionOptionLabel(version: VersionLike & Pick<DatasetVersion, "sha256">, byId: ReadonlyMap<string, Pick<DatasetVersion, "number">>): string {
  const records = (version.record_count ?? 0).toLocaleString();
  const hash = version.sha256 ? ` · ${version.sha256.slice(0, 12)}` : "";
  return `v${version.number} · ${describeVersion(version, byId)} · ${records} records${hash}`;
}
