import { pathCreateInput, pathUpdateInput, projectCreateInput, projectUpdateInput } from '../../shared/schemas/catalog';
import { getCatalog } from '../services/catalog';
import { createPath, createProject, updatePath, updateProject } from '../services/catalogAdmin';
import { managerProcedure, protectedProcedure, router } from '../trpc';

/** Paths, their projects (with the label colours cards show) and people's names, for forms and card faces; managers keep paths and projects. */
export const catalogRouter = router({
  get: protectedProcedure.query(({ ctx }) => getCatalog(ctx.db)),
  createPath: managerProcedure.input(pathCreateInput).mutation(({ ctx, input }) => createPath(ctx, input)),
  updatePath: managerProcedure.input(pathUpdateInput).mutation(({ ctx, input }) => updatePath(ctx, input)),
  createProject: managerProcedure.input(projectCreateInput).mutation(({ ctx, input }) => createProject(ctx, input)),
  updateProject: managerProcedure.input(projectUpdateInput).mutation(({ ctx, input }) => updateProject(ctx, input)),
});
