import { useState, type FormEvent } from "react";
import { useAddFamily } from "../../api/adminModels";
import { asApiError } from "../../api/errors";
import type { FamilyCreate } from "../../client";
import { ErrorBox } from "../../components/ErrorBox";
import { FormField } from "../runs/FormField";
import { familyPayload, type FamilyForm, EMPTY_FAMILY_FORM, TRUST_REMOTE_CODE_WARNING } from "../../lib/adminModels";

/** Add a family; the server checks the folders/hub ids and its errors appear under the field they concern. */
export function AddFamilyForm() {
  const [form, setForm] = useState<FamilyForm>(EMPTY_FAMILY_FORM);
  const add = useAddFamily();
  const set = (key: keyof FamilyForm) => (value: string | boolean) => setForm((f) => ({ ...f, [key]: value }));
  const payload = familyPayload(form);
  // The "what is missing" hint only once the admin has started filling the form in.
  const dirty = JSON.stringify(form) !== JSON.stringify(EMPTY_FAMILY_FORM);
  const error = add.error ? asApiError(add.error) : null;
  const fieldError = (name: string) =>
    error?.field === name || error?.field === `recommended.${name}` ? error.detail : undefined;
  const known = ["name", "license", "base_source", "chat_source", "chat_template", "recommended.learning_rate", "parameter_count"];

  function submit(event: FormEvent) {
    event.preventDefault();
    if (typeof payload === "string") return;
    add.mutate(payload as FamilyCreate, { onSuccess: () => setForm(EMPTY_FAMILY_FORM) });
  }

  const text = (name: keyof FamilyForm, label: string, help?: string, placeholder?: string) => (
    <FormField label={label} help={help} error={fieldError(name)} htmlFor={`family-${name}`}>
      <input
        id={`family-${name}`}
        data-testid={`family-${name}`}
        value={String(form[name])}
        placeholder={placeholder}
        onChange={(e) => set(name)(e.target.value)}
      />
    </FormField>
  );

  return (
    <form className="card" onSubmit={submit} data-testid="add-family-form" aria-label="Add a model family">
      <h2>Add a family</h2>
      <div className="form__grid">
        {text("name", "Name", "Lower case; its models are named <name>-base and <name>-chat.", "qwen2.5-0.5b")}
        {text("license", "Licence", undefined, "Apache-2.0")}
        {text("base_source", "Base variant", "Absolute folder under an allowed root, or an allowed hub id.", "/srv/models/qwen2.5-0.5b")}
        {text("chat_source", "Chat variant", "Must hold a chat template that renders in the sandbox.", "Qwen/Qwen2.5-0.5B-Instruct")}
        {text("description", "Description")}
        {text("default_system_prompt", "Default system prompt", "Used by the chat variant when a record has none.")}
        {text("learning_rate", "Recommended LoRA learning rate", "Used for 'auto'; empty: 2e-4.", "2e-4")}
        {text("parameter_count", "Parameters (hub ids only)", "Local folders are counted from their weights.")}
      </div>
      <FormField
        label="Chat template for the base variant (optional)"
        help="Default: the chat variant's template."
        error={fieldError("chat_template")}
        htmlFor="family-chat_template"
      >
        <textarea
          id="family-chat_template"
          rows={3}
          value={form.chat_template}
          onChange={(e) => set("chat_template")(e.target.value)}
        />
      </FormField>
      <label className="checkbox">
        <input
          type="checkbox"
          data-testid="family-trust_remote_code"
          checked={form.trust_remote_code}
          onChange={(e) => set("trust_remote_code")(e.target.checked)}
        />{" "}
        Trust remote code
      </label>
      {form.trust_remote_code && (
        <p className="notice" role="note">
          {TRUST_REMOTE_CODE_WARNING}
        </p>
      )}
      {typeof payload === "string" && dirty && <p className="field__error">{payload}</p>}
      {error && !known.includes(error.field ?? "") && <ErrorBox error={add.error} title="The family was not added." testId="add-family-error" />}
      {add.data && (
        <div className="notice notice--success" data-testid="add-family-done">
          Added {add.data.name}.
          {(add.data.warnings ?? []).map((w) => (
            <p key={w}>{w}</p>
          ))}
        </div>
      )}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={add.isPending || typeof payload === "string"} data-testid="add-family-submit">
          {add.isPending ? "Checking…" : "Add family"}
        </button>
      </div>
    </form>
  );
}
