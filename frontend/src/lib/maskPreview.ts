// The loss-mask preview as pure data: a token's text split into what to draw (whitespace made visible), and the
// "37 of 52 tokens trained (71 %)" summary.

import type { MaskPreview } from "../client";

export type LossOn = MaskPreview["loss_on"];
export const LOSS_ON_CHOICES: readonly LossOn[] = ["assistant", "all"];
export const DEFAULT_MASK_MODEL = "tiny-chat";

export const isLossOn = (v: unknown): v is LossOn => v === "assistant" || v === "all";

/** What a piece of a token is drawn as: its text, or a glyph standing for a whitespace character. */
export type TokenPart =
  | { kind: "text"; text: string }
  | { kind: "space" }
  | { kind: "tab" }
  | { kind: "newline" }
  | { kind: "return" }
  | { kind: "empty" };

/** The glyph shown for each whitespace character; a newline's glyph is followed by a real line break. */
export const WHITESPACE_GLYPHS = { space: "·", tab: "→", newline: "↵", return: "␍", empty: "∅" } as const;

const WHITESPACE: Record<string, TokenPart["kind"]> = { " ": "space", "\u00a0": "space", "\t": "tab", "\n": "newline", "\r": "return" };

/** Split a token's text into text runs and whitespace characters; an empty token is one "empty" part. */
export function tokenParts(text: string): TokenPart[] {
  if (text === "") return [{ kind: "empty" }];
  const parts: TokenPart[] = [];
  let run = "";
  for (const ch of text) {
    const kind = WHITESPACE[ch];
    if (kind === undefined) {
      run += ch;
      continue;
    }
    if (run) parts.push({ kind: "text", text: run });
    run = "";
    parts.push({ kind } as TokenPart);
  }
  if (run) parts.push({ kind: "text", text: run });
  return parts;
}

/** The token as drawn, as one string (newlines as "↵\n"): what a reader sees, for tests and titles. */
export function visibleText(text: string): string {
  return tokenParts(text)
    .map((p) => (p.kind === "text" ? p.text : p.kind === "newline" ? `${WHITESPACE_GLYPHS.newline}\n` : WHITESPACE_GLYPHS[p.kind]))
    .join("");
}

/** The exact text of a token, escaped (`"\n<|im_start|>"`), and whether it is trained: the token's tooltip. */
export function tokenTitle(token: { text: string; trained: boolean }): string {
  return `${JSON.stringify(token.text)} — ${token.trained ? "trained" : "not trained"}`;
}

/**
 * Whole percent of tokens trained. Never rounds to 0 or 100 unless it is exactly that, so "100 %" always means
 * every token and "0 %" none.
 */
export function trainedPercent(trained: number, total: number): number {
  if (total <= 0 || trained <= 0) return 0;
  if (trained >= total) return 100;
  return Math.min(99, Math.max(1, Math.round((trained / total) * 100)));
}

/** "37 of 52 tokens trained (71 %)". */
export function maskSummary(trained: number, total: number): string {
  const noun = total === 1 ? "token" : "tokens";
  return `${trained.toLocaleString()} of ${total.toLocaleString()} ${noun} trained (${trainedPercent(trained, total)} %)`;
}

/** A record index from a URL segment: a whole number ≥ 0, or null. */
export function parseRecordIndex(raw: string): number | null {
  if (!/^\d{1,9}$/.test(raw)) return null;
  return Number(raw);
}
