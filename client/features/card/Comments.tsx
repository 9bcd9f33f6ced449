/** Comments on a card: the list (markdown, rendered safely) and a form to add one. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC, type CardDetail } from '../../trpc';
import { useUi } from '../../stores/ui';
import { serverErrorMessage } from '../../components/serverError';
import { Markdown } from './Markdown';
import { catalogIndex, useCatalog } from '../../lib/catalog';
import { formatInstant, relativeTime, useLocale } from '../../lib/format';

function initials(name: string): string {
  return name.split(/\s+/).map((p) => p[0] ?? '').join('').slice(0, 2).toUpperCase();
}

export function Comments({ card }: { card: CardDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation('card');
  const locale = useLocale();
  const toast = useUi((s) => s.toastShown);
  const names = catalogIndex(useCatalog());
  const id = useId();
  const [body, setBody] = useState('');
  const comment = useMutation(
    trpc.card.comment.mutationOptions({
      onSuccess: () => {
        setBody('');
        void queryClient.invalidateQueries(trpc.card.get.queryFilter({ cardId: card.id }));
      },
      onError: (error) => toast('error', serverErrorMessage(error, t, i18n.language)),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (body.trim()) comment.mutate({ cardId: card.id, body });
  };
  return (
    <section className="card-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('comments.title', { count: card.comments.length })}</h3>
      <form onSubmit={submit} className="comment-form">
        <label htmlFor={`${id}-body`} className="sr-only">{t('comments.add')}</label>
        <textarea
          id={`${id}-body`}
          value={body}
          rows={body ? 4 : 2}
          maxLength={10000}
          placeholder={t('comments.placeholder')}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) submit(e);
          }}
        />
        <div className="comment-form-foot">
          <span className="hint" id={`${id}-hint`}>{t('comments.hint')}</span>
          <button type="submit" className="btn btn-primary btn-sm" disabled={!body.trim() || comment.isPending}>
            {comment.isPending ? t('comments.sending') : t('comments.send')}
          </button>
        </div>
      </form>
      {card.comments.length > 0 && (
        <ol className="comments">
          {[...card.comments].reverse().map((c) => {
            const author = names.personName(c.authorId) ?? '—';
            return (
              <li key={c.id} className="comment">
                <span className="avatar" aria-hidden="true">{initials(author)}</span>
                <div className="comment-main">
                  <p className="comment-meta">
                    <span className="strong">{author}</span>
                    {' · '}
                    <time dateTime={c.createdAt} title={formatInstant(c.createdAt, locale, 'medium')}>{relativeTime(c.createdAt, locale)}</time>
                  </p>
                  <Markdown text={c.body} className="markdown comment-body" />
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
