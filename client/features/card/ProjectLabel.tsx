import type { Project } from '../../lib/catalog';

/** The project label as Trello shows it: its colour, its code, optionally its title. */
export function ProjectLabel({ project, withTitle = false, className = '' }: { project: Project; withTitle?: boolean; className?: string }) {
  return (
    <span className={`project-label ${className}`} title={project.title}>
      <span className="project-swatch" style={{ background: project.color }} aria-hidden="true" />
      <span className="project-code">{project.code}</span>
      {withTitle ? <span className="project-title">{project.title}</span> : <span className="sr-only">{project.title}</span>}
    </span>
  );
}
