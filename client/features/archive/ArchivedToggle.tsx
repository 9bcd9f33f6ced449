/**
 * The board's "Archived" switch, in its filter bar: `?archived=1` in the URL (so a link
 * shares it) shows the board's withdrawn and archived cards instead of its columns.
 */
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'wouter';

export const ARCHIVED_PARAM = 'archived';

export function isArchivedView(params: URLSearchParams): boolean {
  return params.get(ARCHIVED_PARAM) === '1';
}

export function ArchivedToggle() {
  const { t } = useTranslation('board');
  const [params, setParams] = useSearchParams();
  const on = isArchivedView(params);
  return (
    <label className={`board-filter-toggle${on ? ' board-filter-on' : ''}`} title={t('filters.archivedHint')}>
      <input
        type="checkbox"
        checked={on}
        onChange={(e) =>
          setParams(
            (prev) => {
              const next = new URLSearchParams(prev);
              if (e.target.checked) next.set(ARCHIVED_PARAM, '1');
              else next.delete(ARCHIVED_PARAM);
              return next;
            },
            { replace: true },
          )
        }
      />
      <span>{t('filters.archived')}</span>
    </label>
  );
}
