// The model catalog grouped by family, and the choices the run form offers: each family (the server picks its chat
// or base variant), then each model.
import type { CatalogModel } from "../client";

export interface FamilyGroup {
  family: string;
  models: CatalogModel[];
  /** Variants present, chat first: ["chat", "base"]. */
  variants: CatalogModel["variant"][];
}

const VARIANT_ORDER: Record<string, number> = { chat: 0, base: 1 };

/** Families in catalog order; within one, chat before base, then by name. */
export function groupByFamily(models: readonly CatalogModel[]): FamilyGroup[] {
  const groups = new Map<string, CatalogModel[]>();
  for (const m of models) groups.set(m.family, [...(groups.get(m.family) ?? []), m]);
  return [...groups].map(([family, list]) => {
    const sorted = list.slice().sort((a, b) => (VARIANT_ORDER[a.variant] ?? 9) - (VARIANT_ORDER[b.variant] ?? 9) || a.name.localeCompare(b.name));
    return { family, models: sorted, variants: [...new Set(sorted.map((m) => m.variant))] };
  });
}

export interface ModelChoice {
  value: string;
  label: string;
  kind: "family" | "model";
}

export function familyLabel(group: FamilyGroup): string {
  if (group.variants.length > 1) return `${group.family} — chat or base, chosen from your data`;
  return `${group.family} — ${group.variants[0] ?? "model"} (its only variant)`;
}

/** Families first (value = family name), then every model (value = model name). */
export function modelChoices(models: readonly CatalogModel[]): { families: ModelChoice[]; models: ModelChoice[] } {
  const names = new Set(models.map((m) => m.name));
  const groups = groupByFamily(models);
  return {
    // A family named like one of its models would be ambiguous as a value; the model wins.
    families: groups.filter((g) => !names.has(g.family)).map((g) => ({ value: g.family, label: familyLabel(g), kind: "family" })),
    models: groups.flatMap((g) =>
      g.models.map((m) => ({ value: m.name, label: `${m.name} (${m.variant})${m.available ? "" : " — not available"}`, kind: "model" as const })),
    ),
  };
}

/** The family a choice names, if it names one. */
export function familyOf(models: readonly CatalogModel[], value: string): FamilyGroup | null {
  if (models.some((m) => m.name === value)) return null;
  return groupByFamily(models).find((g) => g.family === value) ?? null;
}
