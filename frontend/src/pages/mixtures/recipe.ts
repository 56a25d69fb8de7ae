import type { MixtureCreate, RenderAs } from "../../client";

export type MixtureKind = NonNullable<MixtureCreate["kind"]>;

export interface Row {
  datasetId: string;
  versionId: string;
  amount: string;
  by: "ratio" | "target_tokens";
  sampling: "down" | "up";
  /** How a conversation source becomes text in a text mixture: "plain", or "chat_template:<model>". */
  renderAs: string;
}

export const emptyRow: Row = { datasetId: "", versionId: "", amount: "1", by: "ratio", sampling: "down", renderAs: "plain" };

/** The kinds a mixture may declare; "" keeps the first source's. */
export const MIXTURE_KINDS: MixtureKind[] = ["text", "messages", "preference", "kto"];

/** The kind the mixture produces: the declared one, else its first source's (as the server decides). */
export function effectiveKind(kind: MixtureKind | "", rows: Row[], formats: Record<string, string>): string | null {
  return kind || formats[rows[0]?.datasetId ?? ""] || null;
}

/** A conversation source in a text mixture is rendered as text (multi-task instruction pretraining). */
export function isRendered(kind: string | null, format: string | undefined): boolean {
  return kind === "text" && format === "messages";
}

export function renderAs(value: string): RenderAs {
  const [style, ...model] = value.split(":");
  return style === "chat_template" ? { style: "chat_template", model: model.join(":") } : { style: "plain", model: null };
}

/** The request body for a builder's state; null until every source names a version and a positive amount. */
export function recipe(name: string, seed: string, kind: MixtureKind | "", rows: Row[], formats: Record<string, string>): MixtureCreate | null {
  if (!rows.length || rows.some((r) => !r.versionId || !(Number(r.amount) > 0))) return null;
  const produced = effectiveKind(kind, rows, formats);
  return {
    name: name || "mixture",
    seed: Number(seed),
    ...(kind ? { kind } : {}),
    sources: rows.map((r) => ({
      dataset_version_id: r.versionId,
      ratio: r.by === "ratio" ? Number(r.amount) : null,
      target_tokens: r.by === "target_tokens" ? Math.round(Number(r.amount)) : null,
      sampling: r.sampling,
      ...(isRendered(produced, formats[r.datasetId]) ? { render_as: renderAs(r.renderAs) } : {}),
    })),
  };
}
