import { METHOD_HELP, METHOD_OPTIONS, methodProblem, type FormValues, type MethodChoice } from "../../lib/runForm";

interface MethodFieldProps {
  value: MethodChoice;
  /** The server's refusal for this field, e.g. "… needs ≈ 20 GB … Try: use QLORA (≈ 12.1 GB); …". */
  error?: string;
  onChange: (value: MethodChoice) => void;
  /** Apply one of the server's suggestions to the form. */
  onApply: (patch: Partial<FormValues>) => void;
}

/** The training method, what the chosen one does, and — when the run would not fit — what to try instead. */
export function MethodField({ value, error, onChange, onApply }: MethodFieldProps) {
  const chosen = METHOD_OPTIONS.find((o) => o.value === value);
  const problem = error ? methodProblem(error) : null;
  return (
    <div className={`field field--method${error ? " field--error" : ""}`}>
      <label className="field__label" htmlFor="run-method">
        Method
      </label>
      <select
        id="run-method"
        data-testid="run-method-select"
        value={value}
        title={METHOD_HELP}
        aria-invalid={error ? true : undefined}
        aria-describedby="run-method-help"
        onChange={(e) => onChange(e.target.value as MethodChoice)}
      >
        {METHOD_OPTIONS.map((o) => (
          <option key={o.value} value={o.value} title={o.help}>
            {o.label}
          </option>
        ))}
      </select>
      {problem && (
        <div className="method-error" role="alert" data-testid="run-method-error">
          <p className="method-error__summary">{problem.summary}</p>
          {problem.suggestions.length > 0 && (
            <>
              <p className="method-error__try">Try:</p>
              <ul className="method-error__suggestions">
                {problem.suggestions.map((s) => (
                  <li key={s.text} data-testid="run-method-suggestion">
                    <span>{s.text}</span>
                    {s.patch && (
                      <button type="button" className="button button--small" onClick={() => onApply(s.patch!)}>
                        Apply
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <p className="field__help" id="run-method-help" data-testid="run-method-help">
        {chosen?.help ?? METHOD_HELP}
      </p>
    </div>
  );
}
