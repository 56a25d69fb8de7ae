import { fieldMeta, type FieldDef } from "../../lib/runForm";
import { FormField } from "./FormField";

interface AutoTextInputProps {
  id: string;
  name: string;
  label: string;
  help?: string;
  error?: string;
  testId: string;
  value: string;
  placeholder?: string;
  allowsAuto: boolean;
  inputMode?: "decimal" | "text";
  onChange: (value: string) => void;
}

/** A text input taking a value or 'auto' (with a button to put 'auto' back) where the schema allows it. */
export function AutoTextInput({ id, name, label, help, error, testId, value, placeholder, allowsAuto, inputMode = "decimal", onChange }: AutoTextInputProps) {
  return (
    <FormField label={label} help={help} error={error} htmlFor={id}>
      <div className="input-with-action">
        <input
          id={id}
          name={name}
          type="text"
          inputMode={inputMode}
          autoComplete="off"
          data-testid={testId}
          value={value}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        {allowsAuto && value.trim().toLowerCase() !== "auto" && (
          <button type="button" className="button button--small" onClick={() => onChange("auto")}>
            auto
          </button>
        )}
      </div>
    </FormField>
  );
}

interface HyperparameterInputProps {
  field: FieldDef;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}

/** A hyperparameter: a number, or 'auto' where the schema allows it (empty also means 'auto'). */
export function HyperparameterInput({ field, value, error, onChange }: HyperparameterInputProps) {
  const meta = fieldMeta(field.key);
  return (
    <AutoTextInput
      id={`hp-${field.key}`}
      name={field.key}
      label={field.label}
      help={meta.description}
      error={error}
      testId={field.testId}
      value={value}
      placeholder={meta.allowsAuto ? "auto" : (field.placeholder ?? String(meta.default ?? ""))}
      allowsAuto={meta.allowsAuto}
      onChange={onChange}
    />
  );
}
