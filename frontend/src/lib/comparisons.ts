import type { Comparison } from "../client";

export type RatingKey = "a" | "b" | "tie" | "skip";

/** The rating page's keyboard: 1/a = A, 2/b = B, 3/t = tie, n = skip; anything else is not ours. */
export function ratingForKey(key: string): RatingKey | null {
  switch (key.toLowerCase()) {
    case "1":
    case "a":
      return "a";
    case "2":
    case "b":
      return "b";
    case "3":
    case "t":
      return "tie";
    case "n":
      return "skip";
    default:
      return null;
  }
}

export function isGenerating(comparison: Comparison): boolean {
  return comparison.status === "queued" || comparison.status === "running";
}

/** The studies of every page loaded so far, in the API's order, each once (a study can move pages between fetches). */
export function loadedStudies(pages: readonly { items: readonly Comparison[] }[]): Comparison[] {
  const seen = new Set<string>();
  return pages
    .flatMap((p) => p.items)
    .filter((c) => {
      if (seen.has(c.id)) return false;
      seen.add(c.id);
      return true;
    });
}

/** Poll while any loaded study is still generating its answers. */
export function anyGenerating(pages: readonly { items: readonly Comparison[] }[] | undefined): boolean {
  return (pages ?? []).some((p) => p.items.some(isGenerating));
}

export function formatRate(rate: number): string {
  return `${(rate * 100).toFixed(1)} %`;
}

export function exportUrl(id: string, format: "csv" | "json"): string {
  return `/api/comparisons/${encodeURIComponent(id)}/export?format=${format}`;
}
