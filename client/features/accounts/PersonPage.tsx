/**
 * A person's page (/accounts/:userId, managers): their profile to edit (name, role,
 * evaluator status, capacity, projects, RQTH acceptance), their access (a new
 * set-password link, revoking an invitation, deactivating and reactivating), and the
 * audit lines about them or by them.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { useTRPC, type Me, type Outputs } from '../../trpc';
import { Modal } from '../../components/Modal';
import { useUi } from '../../stores/ui';
import { catalogIndex, useCatalog } from '../../lib/catalog';
import { auditActor, describeAuditEvent } from '../audit';
import { LinkBox } from './LinkBox';
import { ProjectPicker } from './ProjectPicker';
import { StatusPill } from './AccountsPage';
import '../learner/people.css';
import '../../components/dialogs.css';
import './accounts.css';

type Person = Outputs['user']['get']['user'];
type Link = Outputs['user']['resendInvite'];

export function PersonPage({ user }: { user: Me }) {
  const trpc = useTRPC();
  const { t } = useTranslation('accounts');
  const params = useParams<{ userId: string }>();
  const userId = Number(params.userId);
  const page = useQuery(trpc.user.get.queryOptions({ userId }, { enabled: user.role === 'manager' && Number.isInteger(userId) && userId > 0, retry: false }));
  if (user.role !== 'manager') {
    return (
      <div className="page people-page">
        <p className="callout callout-info">{t('list.managersOnly')}</p>
      </div>
    );
  }
  return (
    <div className="page people-page person-page">
      <Link to="/accounts" className="person-back">← {t('person.back')}</Link>
      {page.isPending ? (
        <p className="empty" role="status">{t('common:state.loading')}</p>
      ) : page.isError ? (
        <p className="callout callout-error" role="alert">{page.error.data?.code === 'NOT_FOUND' || page.error.data?.code === 'BAD_REQUEST' ? t('person.notFound') : page.error.message}</p>
      ) : (
        <>
          <header className="people-header">
            <div>
              <p className="people-kicker">{t('person.kicker')}</p>
              <h1>{page.data.user.name}</h1>
              <p className="people-sub">{page.data.user.email}</p>
            </div>
            <div className="people-header-side">
              <StatusPill status={page.data.user.status} />
            </div>
          </header>
          <div className="person-grid">
            <div>
              <ProfilePanel key={JSON.stringify(page.data.user)} person={page.data.user} />
            </div>
            <div>
              <AccessPanel person={page.data.user} me={user} />
              <HistoryPanel history={page.data.history} />
            </div>
          </div>
        </>
      )}
    </div>
  );
}

function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries(trpc.user.pathFilter());
    void queryClient.invalidateQueries(trpc.catalog.get.pathFilter());
    void queryClient.invalidateQueries(trpc.mentor.list.pathFilter());
  };
}

function ProfilePanel({ person }: { person: Person }) {
  const trpc = useTRPC();
  const { t } = useTranslation('accounts');
  const catalog = useCatalog();
  const toast = useUi((s) => s.toastShown);
  const refresh = useRefresh();
  const [name, setName] = useState(person.name);
  const [role, setRole] = useState(person.role);
  const [isEvaluator, setIsEvaluator] = useState(person.isEvaluator);
  const [capacity, setCapacity] = useState(String(person.capacity));
  const [acceptsRqth, setAcceptsRqth] = useState(person.acceptsRqth);
  const [projectIds, setProjectIds] = useState<number[]>(person.projectIds);
  const save = useMutation(
    trpc.user.update.mutationOptions({
      onSuccess: () => {
        refresh();
        toast('success', t('person.saved'));
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const sameProjects = [...projectIds].sort().join() === [...person.projectIds].sort().join();
    save.mutate({
      userId: person.id,
      ...(name.trim() !== person.name ? { name } : {}),
      ...(role !== person.role ? { role } : {}),
      ...(isEvaluator !== person.isEvaluator ? { isEvaluator } : {}),
      ...(Number(capacity) !== person.capacity ? { capacity: Number(capacity) } : {}),
      ...(acceptsRqth !== person.acceptsRqth ? { acceptsRqth } : {}),
      ...(sameProjects ? {} : { projectIds }),
    });
  };
  return (
    <section className="panel" aria-labelledby="person-profile">
      <div className="panel-head">
        <h2 id="person-profile">{t('person.details')}</h2>
        {person.role === 'mentor' && <span className="muted">{t('person.learners', { count: person.activeLearners })}</span>}
      </div>
      <form className="person-form" onSubmit={submit}>
        {save.isError && <p className="callout callout-error" role="alert">{save.error.message}</p>}
        <div className="field">
          <label htmlFor="person-name">{t('person.name')}</label>
          <input id="person-name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="person-role">{t('person.role')}</label>
          <select id="person-role" value={role} onChange={(e) => setRole(e.target.value as Person['role'])}>
            <option value="mentor">{t('roles.mentor')}</option>
            <option value="manager">{t('roles.manager')}</option>
          </select>
        </div>
        {role === 'mentor' && (
          <>
            <div className="check-stack">
              <label className="checkbox">
                <input type="checkbox" checked={isEvaluator} onChange={(e) => setIsEvaluator(e.target.checked)} />
                <span>{t('person.isEvaluator')}</span>
              </label>
              <label className="checkbox">
                <input type="checkbox" checked={acceptsRqth} onChange={(e) => setAcceptsRqth(e.target.checked)} />
                <span>{t('person.acceptsRqth')}</span>
              </label>
            </div>
            <div className="field">
              <label htmlFor="person-capacity">{t('person.capacity')}</label>
              <input id="person-capacity" className="input-narrow" type="number" min={0} max={200} required value={capacity} onChange={(e) => setCapacity(e.target.value)} />
            </div>
            {catalog && (
              <div className="field">
                <ProjectPicker catalog={catalog} value={projectIds} onChange={setProjectIds} legend={t('person.projects')} empty={t('person.noProjects')} />
              </div>
            )}
          </>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>{save.isPending ? t('person.saving') : t('person.save')}</button>
        </div>
      </form>
    </section>
  );
}

function AccessPanel({ person, me }: { person: Person; me: Me }) {
  const trpc = useTRPC();
  const { t, i18n } = useTranslation('accounts');
  const toast = useUi((s) => s.toastShown);
  const refresh = useRefresh();
  const [link, setLink] = useState<Link | null>(null);
  const [confirming, setConfirming] = useState(false);
  const date = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
  const onError = (error: { message: string }) => toast('error', error.message);
  const resend = useMutation(trpc.user.resendInvite.mutationOptions({ onSuccess: (result) => { setLink(result); refresh(); }, onError }));
  const revoke = useMutation(trpc.user.revokeInvite.mutationOptions({ onSuccess: () => { setLink(null); refresh(); toast('success', t('person.revoked')); }, onError }));
  const reactivate = useMutation(trpc.user.reactivate.mutationOptions({ onSuccess: () => { refresh(); toast('success', t('person.reactivated', { name: person.name })); }, onError }));
  const busy = resend.isPending || revoke.isPending || reactivate.isPending;
  return (
    <section className="panel person-access" aria-labelledby="person-access">
      <div className="panel-head">
        <h2 id="person-access">{t('person.access')}</h2>
      </div>
      {person.status === 'deactivated' && person.deactivatedAt && <p className="callout callout-warning">{t('person.deactivatedOn', { date: date(person.deactivatedAt) })}</p>}
      {person.status === 'invited' && person.invitation && <p className="callout callout-info">{t('person.linkPending', { date: date(person.invitation.expiresAt) })}</p>}
      {link && <LinkBox url={link.setPasswordUrl} name={person.name} expiresAt={link.expiresAt} />}
      <div className="person-actions">
        {person.active && (
          <>
            <button type="button" className="btn" disabled={busy} onClick={() => resend.mutate({ userId: person.id })}>{t('person.newLink')}</button>
            <p className="hint">{t('person.newLinkHint')}</p>
          </>
        )}
        {person.status === 'invited' && (
          <button type="button" className="btn" disabled={busy} onClick={() => revoke.mutate({ userId: person.id })}>{t('person.revoke')}</button>
        )}
        {person.active ? (
          person.id !== me.id || person.role !== 'manager' ? (
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => setConfirming(true)}>{t('person.deactivate')}</button>
          ) : null
        ) : (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => reactivate.mutate({ userId: person.id })}>{t('person.reactivate')}</button>
        )}
      </div>
      {confirming && <DeactivateDialog person={person} onClose={() => setConfirming(false)} />}
    </section>
  );
}

function DeactivateDialog({ person, onClose }: { person: Person; onClose: () => void }) {
  const trpc = useTRPC();
  const { t } = useTranslation('accounts');
  const toast = useUi((s) => s.toastShown);
  const refresh = useRefresh();
  const titleId = useId();
  const bodyId = useId();
  const deactivate = useMutation(
    trpc.user.deactivate.mutationOptions({
      onSuccess: () => {
        refresh();
        toast('success', t('person.deactivated', { name: person.name }));
        onClose();
      },
    }),
  );
  return (
    <Modal labelledBy={titleId} describedBy={bodyId} onClose={() => !deactivate.isPending && onClose()} size="sm">
      <div className="modal-head">
        <h2 id={titleId}>{t('person.deactivateTitle', { name: person.name })}</h2>
      </div>
      <div className="modal-body">
        <p id={bodyId} className="confirm-body">{t('person.deactivateText', { name: person.name })}</p>
        {deactivate.isError && <p className="callout callout-error" role="alert">{deactivate.error.message}</p>}
      </div>
      <div className="modal-foot">
        <button type="button" className="btn" onClick={onClose} disabled={deactivate.isPending}>{t('invite.cancel')}</button>
        <button type="button" className="btn btn-danger" onClick={() => deactivate.mutate({ userId: person.id })} disabled={deactivate.isPending}>{t('person.deactivate')}</button>
      </div>
    </Modal>
  );
}

function HistoryPanel({ history }: { history: Outputs['user']['get']['history'] }) {
  const { t } = useTranslation('accounts');
  const { t: tAudit, i18n } = useTranslation('audit');
  const catalog = useCatalog();
  const names = catalogIndex(catalog);
  const lookups = { personName: names.personName, projectCode: (id: number) => names.project(id)?.code ?? `#${id}` };
  const when = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return (
    <section className="panel" aria-labelledby="person-history">
      <div className="panel-head">
        <h2 id="person-history">{t('person.history')}</h2>
      </div>
      {history.length === 0 ? (
        <p className="muted">{t('person.historyEmpty')}</p>
      ) : (
        <ul className="person-history">
          {history.map((item) => (
            <li key={item.id}>
              <span>{describeAuditEvent(item, tAudit, lookups)}</span>
              <span className="who">{auditActor(item, tAudit).name} · <time dateTime={item.at}>{when(item.at)}</time></span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
