/** The school's catalogue as forms and card faces need it: paths, their projects, people's names. */
import type { Database } from '../db/sequelize';

interface Person {
  id: number;
  name: string;
  role: 'mentor' | 'manager';
  isEvaluator: boolean;
  active?: false;
}

export async function getCatalog(db: Database) {
  const [paths, projects, users] = await Promise.all([
    db.models.Path.findAll({ order: [['id', 'ASC']] }),
    db.models.Project.findAll({ order: [['pathId', 'ASC'], ['position', 'ASC']] }),
    db.models.User.findAll({ attributes: ['id', 'name', 'role', 'isEvaluator', 'active'], order: [['name', 'ASC']] }),
  ]);
  return {
    paths: paths.map((p) => ({ id: p.id, code: p.code, name: p.name })),
    // `retired: true` on a retired project (absent for the others): it stays on old cards, and is offered for no new choice.
    projects: projects.map((p) => ({ id: p.id, pathId: p.pathId, position: p.position, code: p.code, title: p.title, color: p.color, ...(p.retired ? { retired: true as const } : {}) })),
    // `active: false` for a deactivated person (absent for the others): their cards stay, and say so.
    people: users.map((u): Person => ({ id: u.id, name: u.name, role: u.role, isEvaluator: u.isEvaluator, ...(u.active ? {} : { active: false }) })),
  };
}
