/** A set-password link to copy and send: shown once, as the server returned it. */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function LinkBox({ url, name, expiresAt }: { url: string; name: string; expiresAt: string }) {
  const { t, i18n } = useTranslation('accounts');
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(expiresAt));
  const copy = async () => {
    input.current?.select();
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="link-box">
      <p id={`${id}-intro`}>{t('invite.linkIntro', { name, date })}</p>
      <label className="sr-only" htmlFor={`${id}-link`}>{t('invite.linkLabel')}</label>
      <div className="link-box-row">
        <input id={`${id}-link`} ref={input} readOnly value={url} aria-describedby={`${id}-intro`} onFocus={(e) => e.target.select()} data-autofocus />
        <button type="button" className="btn btn-primary" onClick={() => void copy()}>{t('invite.copy')}</button>
      </div>
      <p className="hint" role="status">{copied === 'yes' ? t('invite.copied') : copied === 'failed' ? t('invite.copyFailed') : ''}</p>
    </div>
  );
}
