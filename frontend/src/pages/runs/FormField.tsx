import type { ReactNode } from "react";

interface FormFieldProps {
  label: string;
  help?: string;
  error?: string;
  htmlFor: string;
  children: ReactNode;
}

/** Label, control, the schema's help text, and the error for this field (client-side or from the server). */
export function FormField({ label, help, error, htmlFor, children }: FormFieldProps) {
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label className="field__label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {help && <p className="field__help">{help}</p>}
    </div>
  );
}
