import { fieldMeta, type FieldDef } from "../../lib/runForm";
import { FormField } from "./FormField";

interface HyperparameterInputProps {
  field: FieldDef;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}

/** A text input taking a number, or 'auto' where the schema allows it (empty also means 'auto'). */
export function HyperparameterInput({ field, value, error, onChange }: HyperparameterInputProps) {
  const meta = fieldMeta(field.key);
  const id = `hp-${field.key}`;
  return (
    <FormField label={field.label} help={meta.description} error={error} htmlFor={id}>
      <div className="input-with-action">
        <input
          id={id}
          name={field.key}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          data-testid={field.testId}
          value={value}
          placeholder={meta.allowsAuto ? "auto" : String(meta.default ?? "")}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        {meta.allowsAuto && value.trim().toLowerCase() !== "auto" && (
          <button type="button" className="button button--small" onClick={() => onChange("auto")}>
            auto
          </button>
        )}
      </div>
    </FormField>
  );
}
