import { protectedProcedure, router } from '../trpc';

/** Paths, their projects (with the label colours cards show) and people's names, for forms and card faces. */
export const catalogRouter = router({
  get: protectedProcedure.query(async ({ ctx }) => {
    const [paths, projects, users] = await Promise.all([
      ctx.db.models.Path.findAll({ order: [['id', 'ASC']] }),
      ctx.db.models.Project.findAll({ order: [['pathId', 'ASC'], ['position', 'ASC']] }),
      ctx.db.models.User.findAll({ attributes: ['id', 'name', 'role', 'isEvaluator'], order: [['name', 'ASC']] }),
    ]);
    return {
      paths: paths.map((p) => ({ id: p.id, code: p.code, name: p.name })),
      projects: projects.map((p) => ({ id: p.id, pathId: p.pathId, position: p.position, code: p.code, title: p.title, color: p.color })),
      people: users.map((u) => ({ id: u.id, name: u.name, role: u.role, isEvaluator: u.isEvaluator })),
    };
  }),
});
