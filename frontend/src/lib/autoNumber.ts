// Parsing of form fields that take a number or the word "auto" (resolved by the server at submission).

export interface NumberRule {
  integer?: boolean;
  allowsAuto?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

export type Parsed = { ok: true; value: number | "auto" | undefined } | { ok: false; message: string };

/**
 * Text from an input → the value to send. Empty means "auto" where allowed, otherwise "leave it to the server
 * default" (undefined). Accepts 2e-4 style numbers; rejects anything else with a sentence saying what to type.
 */
export function parseAutoOrNumber(text: string, rule: NumberRule = {}): Parsed {
  const raw = text.trim();
  if (raw === "") return { ok: true, value: rule.allowsAuto ? "auto" : undefined };
  if (raw.toLowerCase() === "auto") {
    return rule.allowsAuto ? { ok: true, value: "auto" } : { ok: false, message: "Enter a number; 'auto' is not allowed here." };
  }
  const value = Number(raw);
  const what = rule.integer ? "a whole number" : "a number";
  const orAuto = rule.allowsAuto ? " or 'auto'" : "";
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(raw) || !Number.isFinite(value)) {
    return { ok: false, message: `Enter ${what}${orAuto}.` };
  }
  if (rule.integer && !Number.isInteger(value)) return { ok: false, message: `Enter a whole number${orAuto}.` };
  if (rule.minimum !== undefined && value < rule.minimum) return { ok: false, message: `Must be at least ${rule.minimum}.` };
  if (rule.exclusiveMinimum !== undefined && value <= rule.exclusiveMinimum) {
    return { ok: false, message: `Must be greater than ${rule.exclusiveMinimum}.` };
  }
  if (rule.maximum !== undefined && value > rule.maximum) return { ok: false, message: `Must be at most ${rule.maximum}.` };
  if (rule.exclusiveMaximum !== undefined && value >= rule.exclusiveMaximum) {
    return { ok: false, message: `Must be less than ${rule.exclusiveMaximum}.` };
  }
  return { ok: true, value };
}
