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
import { useMe } from '../../lib/me';
import { useUnsaved } from './unsaved';

function initials(name: string): string {
  return name.split(/\s+/).map((p) => p[0] ?? '').join('').slice(0, 2).toUpperCase();
}

export function Comments({ card }: { card: CardDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation('card');
  const toast = useUi((s) => s.toastShown);
  const names = catalogIndex(useCatalog());
  const me = useMe();
  const id = useId();
  const [body, setBody] = useState('');
  useUnsaved(body.trim() !== '');
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
          {[...card.comments].reverse().map((c) => (
            <CommentItem key={c.id} comment={c} cardId={card.id} author={names.personName(c.authorId) ?? '—'} mine={!!me && me.id === c.authorId} />
          ))}
        </ol>
      )}
    </section>
  );
}

type CardComment = CardDetail['comments'][number];

/** One comment; its author may edit it (then it says "edited") or delete it, after confirming. */
function CommentItem({ comment: c, cardId, author, mine }: { comment: CardComment; cardId: number; author: string; mine: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation('card');
  const locale = useLocale();
  const toast = useUi((s) => s.toastShown);
  const id = useId();
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  useUnsaved(editing !== null && editing !== c.body);
  const refresh = () => void queryClient.invalidateQueries(trpc.card.get.queryFilter({ cardId }));
  const onError = (error: unknown) => toast('error', serverErrorMessage(error, t, i18n.language));
  const edit = useMutation(
    trpc.card.editComment.mutationOptions({
      onSuccess: (fresh) => {
        queryClient.setQueryData(trpc.card.get.queryKey({ cardId }), (old) =>
          old ? { ...old, comments: old.comments.map((x) => (x.id === fresh.id ? { ...x, ...fresh } : x)) } : old,
        );
        setEditing(null);
        refresh();
      },
      onError,
    }),
  );
  const remove = useMutation(
    trpc.card.deleteComment.mutationOptions({
      onSuccess: () => {
        queryClient.setQueryData(trpc.card.get.queryKey({ cardId }), (old) => (old ? { ...old, comments: old.comments.filter((x) => x.id !== c.id) } : old));
        toast('info', t('comments.deleted'));
        refresh();
      },
      onError,
    }),
  );
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (editing === null || !editing.trim()) return;
    if (editing === c.body) setEditing(null);
    else edit.mutate({ commentId: c.id, body: editing });
  };
  return (
    <li className="comment">
      <span className="avatar" aria-hidden="true">{initials(author)}</span>
      <div className="comment-main">
        <p className="comment-meta">
          <span className="strong">{author}</span>
          {' · '}
          <time dateTime={c.createdAt} title={formatInstant(c.createdAt, locale, 'medium')}>{relativeTime(c.createdAt, locale)}</time>
          {c.editedAt && (
            <>
              {' · '}
              <span className="comment-edited" title={formatInstant(c.editedAt, locale, 'medium')}>{t('comments.edited')}</span>
            </>
          )}
        </p>
        {editing !== null ? (
          <form onSubmit={save} className="comment-form">
            <label htmlFor={`${id}-edit`} className="sr-only">{t('comments.editLabel')}</label>
            <textarea
              id={`${id}-edit`}
              value={editing}
              rows={4}
              maxLength={10000}
              autoFocus
              onChange={(e) => setEditing(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) save(e);
              }}
            />
            <div className="comment-form-foot">
              <button type="button" className="btn btn-sm" onClick={() => setEditing(null)}>{t('common:actions.cancel')}</button>
              <button type="submit" className="btn btn-primary btn-sm" disabled={!editing.trim() || edit.isPending}>
                {edit.isPending ? t('common:actions.saving') : t('common:actions.save')}
              </button>
            </div>
          </form>
        ) : (
          <Markdown text={c.body} className="markdown comment-body" />
        )}
        {mine && editing === null && !confirming && (
          <div className="comment-actions">
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setEditing(c.body)} aria-label={t('comments.editLabel')}>{t('comments.edit')}</button>
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setConfirming(true)} aria-label={t('comments.deleteLabel')}>{t('comments.delete')}</button>
          </div>
        )}
        {confirming && (
          <div className="comment-confirm" role="group" aria-labelledby={`${id}-confirm`}>
            <p id={`${id}-confirm`}>{t('comments.confirmDelete')}</p>
            <button type="button" className="btn btn-sm" autoFocus onClick={() => setConfirming(false)}>{t('common:actions.cancel')}</button>
            <button type="button" className="btn btn-danger btn-sm" disabled={remove.isPending} onClick={() => remove.mutate({ commentId: c.id })}>{t('comments.delete')}</button>
          </div>
        )}
      </div>
    </li>
  );
}
