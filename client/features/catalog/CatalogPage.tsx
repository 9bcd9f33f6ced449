/**
 * Paths and projects (/catalog, managers): create and edit the school's paths; in each,
 * its ordered projects (code, title, label colour), created, edited, moved up or down,
 * retired (kept on old cards, never chosen for new ones) or brought back.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC, type Catalog, type Me } from '../../trpc';
import { useUi } from '../../stores/ui';
import { serverErrorMessage } from '../../components/serverError';
import { useCatalog } from '../../lib/catalog';
import { sortedProjects } from './catalogOrder';
import '../../components/dialogs.css';
import '../card/card.css';
import '../learner/people.css';
import './catalog.css';

type Path = Catalog['paths'][number];
type Project = Catalog['projects'][number];

export function CatalogPage({ user }: { user: Me }) {
  const { t } = useTranslation('lifecycle');
  const catalog = useCatalog();
  const [addingPath, setAddingPath] = useState(false);
  if (user.role !== 'manager') {
    return (
      <div className="page people-page">
        <h1>{t('catalog.title')}</h1>
        <p className="callout callout-info">{t('catalog.managersOnly')}</p>
      </div>
    );
  }
  return (
    <div className="page people-page catalog-page">
      <header className="people-header">
        <div>
          <h1>{t('catalog.title')}</h1>
          <p className="people-sub">{t('catalog.subtitle')}</p>
        </div>
        {!addingPath && (
          <button type="button" className="btn btn-primary" onClick={() => setAddingPath(true)}>
            {t('catalog.newPath')}
          </button>
        )}
      </header>
      {addingPath && (
        <section className="panel catalog-panel" aria-label={t('catalog.newPath')}>
          <PathForm onDone={() => setAddingPath(false)} />
        </section>
      )}
      {!catalog ? (
        <p className="empty" role="status">{t('common:state.loading')}</p>
      ) : catalog.paths.length === 0 ? (
        <p className="empty">{t('catalog.noPaths')}</p>
      ) : (
        catalog.paths.map((path) => <PathPanel key={path.id} path={path} projects={sortedProjects(catalog.projects, path.id)} />)
      )}
    </div>
  );
}

function useRefreshCatalog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries(trpc.catalog.get.pathFilter());
}

function PathPanel({ path, projects }: { path: Path; projects: Project[] }) {
  const { t } = useTranslation('lifecycle');
  const headingId = useId();
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  return (
    <section className="panel catalog-panel" aria-labelledby={headingId}>
      <div className="panel-head">
        <h2 id={headingId}>
          <span className="catalog-code">{path.code}</span> {path.name}
        </h2>
        {!editing && (
          <button type="button" className="btn btn-sm" aria-label={t('catalog.editPath', { code: path.code })} onClick={() => setEditing(true)}>
            {t('catalog.edit')}
          </button>
        )}
      </div>
      {editing && <PathForm path={path} onDone={() => setEditing(false)} />}
      <h3 className="catalog-sub">{t('catalog.projects', { name: path.name })}</h3>
      {projects.length === 0 ? (
        <p className="hint">{t('catalog.noProjects')}</p>
      ) : (
        <ol className="catalog-projects">
          {projects.map((p, i) => (
            <ProjectRow key={p.id} project={p} first={i === 0} last={i === projects.length - 1} />
          ))}
        </ol>
      )}
      {adding ? (
        <ProjectForm pathId={path.id} pathName={path.name} onDone={() => setAdding(false)} />
      ) : (
        <button type="button" className="btn btn-sm catalog-add" aria-label={t('catalog.newProjectIn', { name: path.name })} onClick={() => setAdding(true)}>
          {t('catalog.newProject')}
        </button>
      )}
    </section>
  );
}

function PathForm({ path, onDone }: { path?: Path; onDone: () => void }) {
  const trpc = useTRPC();
  const { t, i18n } = useTranslation('lifecycle');
  const toast = useUi((s) => s.toastShown);
  const refresh = useRefreshCatalog();
  const id = useId();
  const [code, setCode] = useState(path?.code ?? '');
  const [name, setName] = useState(path?.name ?? '');
  const done = (saved: { code: string }) => {
    refresh();
    toast('success', t(path ? 'catalog.pathSaved' : 'catalog.pathCreated', { code: saved.code }));
    onDone();
  };
  const create = useMutation(trpc.catalog.createPath.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.catalog.updatePath.mutationOptions({ onSuccess: done }));
  const mutation = path ? update : create;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (path) update.mutate({ pathId: path.id, code: code.trim(), name: name.trim() });
    else create.mutate({ code: code.trim(), name: name.trim() });
  };
  return (
    <form className="catalog-form" onSubmit={submit}>
      {mutation.isError && <p className="callout callout-error" role="alert">{serverErrorMessage(mutation.error, t, i18n.language)}</p>}
      <div className="catalog-fields">
        <div className="field catalog-field-code">
          <label htmlFor={`${id}-code`}>{t('catalog.pathCode')}</label>
          <input id={`${id}-code`} required maxLength={32} autoComplete="off" data-autofocus value={code} onChange={(e) => setCode(e.target.value)} autoFocus />
        </div>
        <div className="field catalog-field-grow">
          <label htmlFor={`${id}-name`}>{t('catalog.pathName')}</label>
          <input id={`${id}-name`} required maxLength={200} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
        </div>
      </div>
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone} disabled={mutation.isPending}>{t('catalog.cancel')}</button>
        <button type="submit" className="btn btn-primary" disabled={mutation.isPending}>
          {mutation.isPending ? t('catalog.saving') : t(path ? 'catalog.savePath' : 'catalog.createPath')}
        </button>
      </div>
    </form>
  );
}

function ProjectRow({ project, first, last }: { project: Project; first: boolean; last: boolean }) {
  const trpc = useTRPC();
  const { t, i18n } = useTranslation('lifecycle');
  const toast = useUi((s) => s.toastShown);
  const refresh = useRefreshCatalog();
  const [editing, setEditing] = useState(false);
  const retired = project.retired === true;
  const update = useMutation(
    trpc.catalog.updateProject.mutationOptions({
      onSuccess: (_result, input) => {
        refresh();
        if (input.retired !== undefined) toast('success', t(input.retired ? 'catalog.retiredToast' : 'catalog.unretiredToast', { code: project.code }));
        else if (input.position !== undefined) toast('info', t('catalog.moved', { code: project.code, position: input.position }));
      },
      onError: (error) => toast('error', serverErrorMessage(error, t, i18n.language)),
    }),
  );
  if (editing) {
    return (
      <li className="catalog-project catalog-project-editing">
        <ProjectForm pathId={project.pathId} project={project} onDone={() => setEditing(false)} />
      </li>
    );
  }
  return (
    <li className={`catalog-project${retired ? ' catalog-project-retired' : ''}`}>
      <span className="catalog-swatch" style={{ background: project.color }} aria-hidden="true" />
      <span className="catalog-project-text">
        <span className="catalog-code">{project.code}</span> <span>{project.title}</span>
        {retired && <span className="badge catalog-retired">{t('catalog.retired')}</span>}
      </span>
      <span className="catalog-project-actions">
        <button type="button" className="btn btn-sm" aria-label={t('catalog.moveUp', { code: project.code })} disabled={first || update.isPending} onClick={() => update.mutate({ projectId: project.id, position: project.position - 1 })}>
          ↑
        </button>
        <button type="button" className="btn btn-sm" aria-label={t('catalog.moveDown', { code: project.code })} disabled={last || update.isPending} onClick={() => update.mutate({ projectId: project.id, position: project.position + 1 })}>
          ↓
        </button>
        <button type="button" className="btn btn-sm" aria-label={t('catalog.editNamed', { code: project.code })} onClick={() => setEditing(true)}>
          {t('catalog.edit')}
        </button>
        <button
          type="button"
          className="btn btn-sm"
          aria-label={t(retired ? 'catalog.unretireNamed' : 'catalog.retireNamed', { code: project.code })}
          disabled={update.isPending}
          onClick={() => update.mutate({ projectId: project.id, retired: !retired })}
        >
          {t(retired ? 'catalog.unretire' : 'catalog.retire')}
        </button>
      </span>
    </li>
  );
}

function ProjectForm({ pathId, pathName, project, onDone }: { pathId: number; pathName?: string; project?: Project; onDone: () => void }) {
  const trpc = useTRPC();
  const { t, i18n } = useTranslation('lifecycle');
  const toast = useUi((s) => s.toastShown);
  const refresh = useRefreshCatalog();
  const id = useId();
  const [code, setCode] = useState(project?.code ?? '');
  const [title, setTitle] = useState(project?.title ?? '');
  const [color, setColor] = useState(project?.color ?? '#2563eb');
  const done = (saved: { code: string }) => {
    refresh();
    toast('success', t(project ? 'catalog.projectSaved' : 'catalog.projectCreated', { code: saved.code }));
    onDone();
  };
  const create = useMutation(trpc.catalog.createProject.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.catalog.updateProject.mutationOptions({ onSuccess: done }));
  const mutation = project ? update : create;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (project) update.mutate({ projectId: project.id, code: code.trim(), title: title.trim(), color });
    else create.mutate({ pathId, code: code.trim(), title: title.trim(), color });
  };
  const label = project ? t('catalog.editProject', { code: project.code }) : t('catalog.newProjectIn', { name: pathName ?? '' });
  return (
    <form className="catalog-form" onSubmit={submit} aria-label={label}>
      {mutation.isError && <p className="callout callout-error" role="alert">{serverErrorMessage(mutation.error, t, i18n.language)}</p>}
      <div className="catalog-fields">
        <div className="field catalog-field-code">
          <label htmlFor={`${id}-code`}>{t('catalog.projectCode')}</label>
          <input id={`${id}-code`} required maxLength={32} autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} autoFocus />
        </div>
        <div className="field catalog-field-grow">
          <label htmlFor={`${id}-title`}>{t('catalog.projectTitle')}</label>
          <input id={`${id}-title`} required maxLength={200} autoComplete="off" value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field catalog-field-color">
          <label htmlFor={`${id}-color`}>{t('catalog.projectColor')}</label>
          <input id={`${id}-color`} type="color" value={color} onChange={(e) => setColor(e.target.value)} />
        </div>
      </div>
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone} disabled={mutation.isPending}>{t('catalog.cancel')}</button>
        <button type="submit" className="btn btn-primary" disabled={mutation.isPending}>
          {mutation.isPending ? t('catalog.saving') : t(project ? 'catalog.saveProject' : 'catalog.createProject')}
        </button>
      </div>
    </form>
  );
}
