/** Projects to check, grouped by path, from the catalog: what a mentor mentors and evaluates. */
import type { Catalog } from '../../trpc';
import '../learner/people.css';
import './projectPicker.css';

export function ProjectPicker({ catalog, value, onChange, legend, empty }: { catalog: Catalog; value: number[]; onChange: (ids: number[]) => void; legend: string; empty: string }) {
  const toggle = (id: number) => onChange(value.includes(id) ? value.filter((x) => x !== id) : [...value, id]);
  return (
    <fieldset className="project-picker">
      <legend>{legend}</legend>
      {catalog.projects.length === 0 && <p className="project-picker-empty">{empty}</p>}
      {catalog.paths.map((path) => {
        const projects = catalog.projects.filter((p) => p.pathId === path.id);
        if (projects.length === 0) return null;
        return (
          <div key={path.id} className="project-group">
            <p className="project-group-name">{path.name}</p>
            {projects.map((p) => (
              <label key={p.id} className="checkbox project-check">
                <input type="checkbox" checked={value.includes(p.id)} onChange={() => toggle(p.id)} />
                <span>
                  {p.code} · {p.title}
                </span>
              </label>
            ))}
          </div>
        );
      })}
    </fieldset>
  );
}
