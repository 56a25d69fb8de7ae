// The add-family form's state and the request body it becomes; a string means "not yet sendable, because …".
import type { FamilyCreate } from "../client";

export interface FamilyForm {
  name: string;
  license: string;
  description: string;
  base_source: string;
  chat_source: string;
  chat_template: string;
  default_system_prompt: string;
  learning_rate: string;
  parameter_count: string;
  trust_remote_code: boolean;
}

export const EMPTY_FAMILY_FORM: FamilyForm = {
  name: "",
  license: "",
  description: "",
  base_source: "",
  chat_source: "",
  chat_template: "",
  default_system_prompt: "",
  learning_rate: "",
  parameter_count: "",
  trust_remote_code: false,
};

export const TRUST_REMOTE_CODE_WARNING =
  "Trusting remote code runs the Python files in the model folder on every worker that loads it. Turn it on only for code an admin has reviewed; weights still load from safetensors only.";

const optional = (value: string): string | undefined => (value.trim() ? value.trim() : undefined);

export function familyPayload(form: FamilyForm): FamilyCreate | string {
  if (!form.name.trim()) return "Give the family a name.";
  if (!form.license.trim()) return "Give the weights' licence.";
  if (!form.base_source.trim() && !form.chat_source.trim()) return "Give a base variant, a chat variant or both.";
  const learningRate = form.learning_rate.trim() ? Number(form.learning_rate) : undefined;
  if (learningRate !== undefined && !(learningRate > 0 && learningRate <= 1)) return "The learning rate must be a number in (0, 1].";
  const parameters = form.parameter_count.trim() ? Number(form.parameter_count) : undefined;
  if (parameters !== undefined && !(Number.isInteger(parameters) && parameters > 0)) return "Parameters must be a whole number.";
  return {
    name: form.name.trim(),
    license: form.license.trim(),
    description: form.description.trim(),
    base_source: optional(form.base_source),
    chat_source: optional(form.chat_source),
    chat_template: form.chat_template.trim() ? form.chat_template : undefined,
    default_system_prompt: optional(form.default_system_prompt),
    recommended: learningRate !== undefined ? { learning_rate: learningRate } : {},
    parameter_count: parameters,
    trust_remote_code: form.trust_remote_code,
  };
}
