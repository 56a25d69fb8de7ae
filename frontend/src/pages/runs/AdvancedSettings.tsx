import { specFields } from "../../client/specFields";
import {
  EVAL_FIELDS,
  FREEZE_LAYERS_FIELD,
  isVisible,
  PREFERENCE_FIELDS,
  PRECISION_OPTIONS,
  RESOURCE_FIELDS,
  RESOURCES_HELP,
  SCALE_FIELDS,
  STRATEGY_OPTIONS,
  type FormErrors,
  type FormValues,
  type PrecisionChoice,
  type StrategyChoice,
  type TriState,
} from "../../lib/runForm";
import { FormField } from "./FormField";
import { AutoTextInput, HyperparameterInput } from "./HyperparameterInput";

interface AdvancedSettingsProps {
  values: FormValues;
  errors: FormErrors;
  onChange: (patch: Partial<FormValues>) => void;
}

const hp = specFields.hyperparameters;
const TRI_STATE: readonly TriState[] = ["auto", "on", "off"];

function CheckboxField({ id, label, help, error, testId, checked, onChange }: {
  id: string;
  label: string;
  help: string;
  error?: string;
  testId: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className={`field field--check${error ? " field--error" : ""}`}>
      <label className="check" htmlFor={id}>
        <input id={id} type="checkbox" data-testid={testId} checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <span className="field__label">{label}</span>
      </label>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      <p className="field__help">{help}</p>
    </div>
  );
}

function ChoiceField<T extends string>({ id, label, help, error, testId, value, options, onChange }: {
  id: string;
  label: string;
  help: string;
  error?: string;
  testId: string;
  value: T;
  options: readonly T[];
  onChange: (value: T) => void;
}) {
  return (
    <FormField label={label} help={help} error={error} htmlFor={id}>
      <select id={id} data-testid={testId} value={value} aria-invalid={error ? true : undefined} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </FormField>
  );
}

/** The settings most runs leave alone: method details, memory switches, the eval split, and the hardware. */
export function AdvancedSettings({ values, errors, onChange }: AdvancedSettingsProps) {
  const visible = (key: keyof FormValues) => isVisible(key, values);
  const showMethodPart = visible("freeze_trainable_layers") || visible("use_rslora") || visible("use_dora");
  return (
    <div className="advanced__body" id="run-advanced" data-testid="run-advanced">
      {showMethodPart && (
        <>
          <h3>Method</h3>
          <div className="form__grid">
            {visible("freeze_trainable_layers") && (
              <HyperparameterInput
                field={FREEZE_LAYERS_FIELD}
                value={values.freeze_trainable_layers}
                error={errors.freeze_trainable_layers}
                onChange={(v) => onChange({ freeze_trainable_layers: v })}
              />
            )}
            {visible("use_rslora") && (
              <CheckboxField
                id="hp-use_rslora"
                label="Rank-stabilised LoRA (rsLoRA)"
                help={hp.use_rslora.description}
                error={errors.use_rslora}
                testId="run-use-rslora-checkbox"
                checked={values.use_rslora}
                onChange={(v) => onChange({ use_rslora: v })}
              />
            )}
            {visible("use_dora") && (
              <CheckboxField
                id="hp-use_dora"
                label="DoRA"
                help={hp.use_dora.description}
                error={errors.use_dora}
                testId="run-use-dora-checkbox"
                checked={values.use_dora}
                onChange={(v) => onChange({ use_dora: v })}
              />
            )}
          </div>
        </>
      )}

      {PREFERENCE_FIELDS.some((f) => visible(f.key)) && (
        <>
          <h3>Preference</h3>
          <div className="form__grid">
            {PREFERENCE_FIELDS.filter((f) => visible(f.key)).map((f) => (
              <HyperparameterInput key={f.key} field={f} value={values[f.key]} error={errors[f.key]} onChange={(v) => onChange({ [f.key]: v })} />
            ))}
          </div>
        </>
      )}

      <h3>Memory and precision</h3>
      <div className="form__grid">
        <ChoiceField
          id="hp-packing"
          label="Packing"
          help={hp.packing.description}
          error={errors.packing}
          testId="run-packing-select"
          value={values.packing}
          options={TRI_STATE}
          onChange={(v) => onChange({ packing: v })}
        />
        <ChoiceField
          id="hp-gradient_checkpointing"
          label="Gradient checkpointing"
          help={hp.gradient_checkpointing.description}
          error={errors.gradient_checkpointing}
          testId="run-gradient-checkpointing-select"
          value={values.gradient_checkpointing}
          options={TRI_STATE}
          onChange={(v) => onChange({ gradient_checkpointing: v })}
        />
        <ChoiceField<PrecisionChoice>
          id="hp-precision"
          label="Precision"
          help={hp.precision.description}
          error={errors.precision}
          testId="run-precision-select"
          value={values.precision}
          options={PRECISION_OPTIONS}
          onChange={(v) => onChange({ precision: v })}
        />
      </div>

      <h3>Speed and scale</h3>
      <div className="form__grid">
        <ChoiceField
          id="hp-torch_compile"
          label="torch.compile"
          help={hp.torch_compile.description}
          error={errors.torch_compile}
          testId="run-torch-compile-select"
          value={values.torch_compile}
          options={TRI_STATE}
          onChange={(v) => onChange({ torch_compile: v })}
        />
        <ChoiceField
          id="hp-liger_kernels"
          label="Liger kernels"
          help={hp.liger_kernels.description}
          error={errors.liger_kernels}
          testId="run-liger-kernels-select"
          value={values.liger_kernels}
          options={TRI_STATE}
          onChange={(v) => onChange({ liger_kernels: v })}
        />
        <ChoiceField<StrategyChoice>
          id="hp-distributed_strategy"
          label="Multi-device strategy"
          help={hp.distributed_strategy.description}
          error={errors.distributed_strategy}
          testId="run-distributed-strategy-select"
          value={values.distributed_strategy}
          options={STRATEGY_OPTIONS}
          onChange={(v) => onChange({ distributed_strategy: v })}
        />
        {SCALE_FIELDS.map((f) => (
          <HyperparameterInput key={f.key} field={f} value={values[f.key]} error={errors[f.key]} onChange={(v) => onChange({ [f.key]: v })} />
        ))}
      </div>

      <h3>Evaluation</h3>
      <div className="form__grid">
        {EVAL_FIELDS.filter((f) => visible(f.key)).map((f) => (
          <HyperparameterInput key={f.key} field={f} value={values[f.key]} error={errors[f.key]} onChange={(v) => onChange({ [f.key]: v })} />
        ))}
      </div>

      <h3>Hardware</h3>
      <p className="field__help advanced__section-help">{RESOURCES_HELP}</p>
      <div className="form__grid">
        {RESOURCE_FIELDS.filter((r) => visible(r.key)).map((r) => (
          <AutoTextInput
            key={r.key}
            id={`res-${r.key}`}
            name={r.key}
            label={r.label}
            help={r.help}
            error={errors[r.key]}
            testId={r.testId}
            value={values[r.key]}
            placeholder={r.allowsAuto ? "auto" : undefined}
            allowsAuto={r.allowsAuto}
            inputMode={r.key === "gpu_type" ? "text" : "decimal"}
            onChange={(v) => onChange({ [r.key]: v })}
          />
        ))}
      </div>
    </div>
  );
}
