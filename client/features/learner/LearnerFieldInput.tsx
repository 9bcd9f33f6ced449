/** One field of the learner's edit form, whichever control learnerFormFields gives it. */
import { useTranslation } from 'react-i18next';
import { FieldLabel } from './FieldLabel';
import type { LearnerDraft } from './learnerDraft';
import type { FieldContext, FormField } from './learnerFormFields';

type EditableField = Extract<FormField, { control: unknown }>;

interface Props {
  spec: EditableField;
  /** The form's id: each control's is `<form id>-<field id>`. */
  formId: string;
  mandatory: boolean;
  context: FieldContext;
  onChange: <K extends keyof LearnerDraft>(key: K, value: LearnerDraft[K]) => void;
}

export function LearnerFieldInput({ spec, formId, mandatory, context, onChange }: Props) {
  const { t } = useTranslation('people');
  const { field, control } = spec;
  const id = `${formId}-${spec.id}`;
  const value = context.draft[field];
  const set = (next: string) => onChange(field, next as LearnerDraft[typeof field]);
  // A required input says so itself; the others are flagged while a mandatory one is empty.
  const missing = !(control.kind === 'input' && control.required) && mandatory && value.trim() === '';
  const className = ['field', spec.wide ? 'span-2' : '', missing ? 'field-missing' : ''].filter(Boolean).join(' ');
  const hintId = control.kind === 'select' && control.hint ? `${id}-hint` : undefined;

  return (
    <div className={className}>
      <label htmlFor={id}>
        <FieldLabel field={field} mandatory={mandatory} />
      </label>
      {control.kind === 'input' ? (
        <input
          id={id}
          type={control.type}
          value={value}
          required={control.required}
          maxLength={control.maxLength}
          list={control.suggestions ? `${formId}-${control.suggestions.id}` : undefined}
          placeholder={control.placeholder?.(t)}
          autoComplete="off"
          onChange={(e) => set(e.target.value)}
        />
      ) : control.kind === 'textarea' ? (
        <textarea id={id} rows={control.rows} value={value} maxLength={control.maxLength} placeholder={control.placeholder?.(t)} onChange={(e) => set(e.target.value)} />
      ) : (
        <select id={id} value={value} aria-describedby={hintId} onChange={(e) => set(e.target.value)}>
          <option value="">{t(control.empty)}</option>
          {control.options(context).map((o) => (
            <option key={o.value} value={o.value}>{o.label}</option>
          ))}
        </select>
      )}
      {hintId && control.kind === 'select' && (
        <span className="hint" id={hintId}>{t(control.hint!)}</span>
      )}
      {control.kind === 'input' && control.suggestions && (
        <datalist id={`${formId}-${control.suggestions.id}`}>
          {control.suggestions.values(context).map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      )}
    </div>
  );
}
