/** A new password, typed twice, with the rule it must follow; the server checks the rest (common passwords). */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../shared/schemas/accounts';

export interface NewPassword {
  password: string;
  confirm: string;
}

export function PasswordFields({ value, onChange, labels }: { value: NewPassword; onChange: (v: NewPassword) => void; labels: { password: string; confirm: string } }) {
  const { t } = useTranslation('accounts');
  const id = useId();
  const mismatch = value.confirm !== '' && value.password !== value.confirm;
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-password`}>{labels.password}</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          maxLength={200}
          aria-describedby={`${id}-rule`}
          value={value.password}
          onChange={(e) => onChange({ ...value, password: e.target.value })}
        />
        <span className="hint" id={`${id}-rule`}>{t('setup.passwordHint')}</span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-confirm`}>{labels.confirm}</label>
        <input
          id={`${id}-confirm`}
          type="password"
          autoComplete="new-password"
          required
          maxLength={200}
          aria-invalid={mismatch || undefined}
          aria-describedby={mismatch ? `${id}-mismatch` : undefined}
          value={value.confirm}
          onChange={(e) => onChange({ ...value, confirm: e.target.value })}
        />
        {mismatch && <span className="error" id={`${id}-mismatch`}>{t('setup.mismatch')}</span>}
      </div>
    </>
  );
}
