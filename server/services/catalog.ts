/** The school's catalogue as forms and card faces need it: paths, their projects, people's names. */
import type { Database } from '../db/sequelize';

export async function getCatalog(db: Database) {
  const [paths, projects, users] = await Promise.all([
    db.models.Path.findAll({ order: [['id', 'ASC']] }),
    db.models.Project.findAll({ order: [['pathId', 'ASC'], ['position', 'ASC']] }),
    db.models.User.findAll({ attributes: ['id', 'name', 'role', 'isEvaluator'], order: [['name', 'ASC']] }),
  ]);
  return {
    paths: paths.map((p) => ({ id: p.id, code: p.code, name: p.name })),
    projects: projects.map((p) => ({ id: p.id, pathId: p.pathId, position: p.position, code: p.code, title: p.title, color: p.color })),
    people: users.map((u) => ({ id: u.id, name: u.name, role: u.role, isEvaluator: u.isEvaluator })),
  };
}
