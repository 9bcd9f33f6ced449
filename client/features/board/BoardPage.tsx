import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useTRPC, type Me } from '../../trpc';
import { COLUMN_NAMES } from '../../../shared/workflow/boards';
import { currentLocale } from '../../i18n';

/** Placeholder board (read-only columns); the board work replaces it. */
export function BoardPage(_: { user: Me }) {
  const { boardId } = useParams();
  const trpc = useTRPC();
  const { t } = useTranslation();
  const board = useQuery(trpc.board.get.queryOptions({ boardId: Number(boardId) }));
  if (board.isPending) return <p className="empty">{t('state.loading')}</p>;
  if (board.isError) return <p className="callout callout-error">{board.error.message}</p>;
  const kind = board.data.board.kind;
  return (
    <div style={{ display: 'flex', gap: 12, padding: 16 }}>
      {board.data.columns.map((c) => (
        <section key={c.key} aria-label={COLUMN_NAMES[kind][c.key][currentLocale()]} style={{ minWidth: 260 }}>
          <h2>{COLUMN_NAMES[kind][c.key][currentLocale()]}</h2>
          {board.data.cards.filter((card) => card.columnKey === c.key).map((card) => <div key={card.id}>{card.id}</div>)}
        </section>
      ))}
    </div>
  );
}
