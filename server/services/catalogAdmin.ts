/**
 * Managers keep the catalogue: paths, and each path's projects in order (code, title, label
 * colour). A project is retired once no one new should start it: it stays on old cards and
 * with the learners already on it, and cannot be chosen any more (projectChoiceVerdict).
 * Codes are unique; every change is in the activity log.
 */
import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { z } from 'zod';
import type { Path, Project } from '../db/models';
import { notFound, ruleError } from '../errors';
import { record } from './activity';
import type { AuthedContext } from './context';
import type { pathCreateInput, pathUpdateInput, projectCreateInput, projectUpdateInput } from '../../shared/schemas/catalog';

export function pathDto(path: Path) {
  return { id: path.id, code: path.code, name: path.name };
}

export function projectDto(project: Project) {
  return { id: project.id, pathId: project.pathId, position: project.position, code: project.code, title: project.title, color: project.color, retired: project.retired };
}

type Changes = Record<string, { from: unknown; to: unknown }>;

function codeTaken(what: 'path' | 'project', code: string) {
  return ruleError('code_taken', `${what === 'path' ? 'A path' : 'A project'} already has the code ${code}: choose another.`, { params: { code } });
}

/** Refuses a code another path (or project) holds. */
async function checkCodeFree(ctx: AuthedContext, t: Transaction, what: 'path' | 'project', code: string, exceptId?: number) {
  const model = what === 'path' ? ctx.db.models.Path : ctx.db.models.Project;
  const holder = await (model as typeof ctx.db.models.Path).findOne({ attributes: ['id'], where: { code }, transaction: t });
  if (holder && holder.id !== exceptId) throw codeTaken(what, code);
}

/** Two managers racing for one code: the database's unique constraint answers as the check would. */
async function uniqueCode<T>(what: 'path' | 'project', code: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UniqueConstraintError && code !== undefined) throw codeTaken(what, code);
    throw error;
  }
}

/** Numbers a path's projects 1, 2, 3… in the order given, writing only those whose place changed. */
async function renumber(t: Transaction, ordered: Project[]) {
  for (const [i, project] of ordered.entries()) {
    if (project.position === i + 1) continue;
    project.position = i + 1;
    await project.save({ transaction: t });
  }
}

/** The path's projects in order, `except` left out, locked while the order is rewritten. */
async function projectsOf(ctx: AuthedContext, t: Transaction, pathId: number, except?: number) {
  const projects = await ctx.db.models.Project.findAll({ where: { pathId }, order: [['position', 'ASC'], ['id', 'ASC']], transaction: t, lock: t.LOCK.UPDATE });
  return projects.filter((p) => p.id !== except);
}

/** catalog.createPath */
export async function createPath(ctx: AuthedContext, input: z.infer<typeof pathCreateInput>) {
  return uniqueCode('path', input.code, () =>
    ctx.db.write(async (t) => {
      await checkCodeFree(ctx, t, 'path', input.code);
      const path = await ctx.db.models.Path.create({ code: input.code, name: input.name }, { transaction: t });
      await record(ctx, t, { type: 'path_created', data: { pathId: path.id, code: path.code, name: path.name } });
      return pathDto(path);
    }),
  );
}

/** catalog.updatePath: its code or name. */
export async function updatePath(ctx: AuthedContext, input: z.infer<typeof pathUpdateInput>) {
  return uniqueCode('path', input.code, () =>
    ctx.db.write(async (t) => {
      const path = await ctx.db.models.Path.findByPk(input.pathId, { transaction: t, lock: t.LOCK.UPDATE });
      if (!path) throw notFound('Path');
      const changes: Changes = {};
      if (input.code !== undefined && input.code !== path.code) {
        await checkCodeFree(ctx, t, 'path', input.code, path.id);
        changes.code = { from: path.code, to: input.code };
        path.code = input.code;
      }
      if (input.name !== undefined && input.name !== path.name) {
        changes.name = { from: path.name, to: input.name };
        path.name = input.name;
      }
      if (Object.keys(changes).length > 0) {
        await path.save({ transaction: t });
        await record(ctx, t, { type: 'path_updated', data: { pathId: path.id, changes } });
      }
      return pathDto(path);
    }),
  );
}

/** catalog.createProject: a project at `position` in its path (the end by default), the projects after it moved down one. */
export async function createProject(ctx: AuthedContext, input: z.infer<typeof projectCreateInput>) {
  return uniqueCode('project', input.code, () =>
    ctx.db.write(async (t) => {
      const path = await ctx.db.models.Path.findByPk(input.pathId, { transaction: t, lock: t.LOCK.UPDATE });
      if (!path) throw notFound('Path');
      await checkCodeFree(ctx, t, 'project', input.code);
      const siblings = await projectsOf(ctx, t, path.id);
      const at = Math.min(input.position ?? siblings.length + 1, siblings.length + 1);
      // Placed after every other first (positions are not unique), then the path renumbered.
      const project = await ctx.db.models.Project.create(
        { pathId: path.id, position: siblings.length + 1, code: input.code, title: input.title, color: input.color.toLowerCase() },
        { transaction: t },
      );
      siblings.splice(at - 1, 0, project);
      await renumber(t, siblings);
      await record(ctx, t, { type: 'project_created', data: { projectId: project.id, pathId: path.id, code: project.code, title: project.title, position: project.position } });
      return projectDto(project);
    }),
  );
}

/** catalog.updateProject: code, title, colour, place in its path, retired or back in use. */
export async function updateProject(ctx: AuthedContext, input: z.infer<typeof projectUpdateInput>) {
  return uniqueCode('project', input.code, () =>
    ctx.db.write(async (t) => {
      const found = await ctx.db.models.Project.findByPk(input.projectId, { transaction: t });
      if (!found) throw notFound('Project');
      // The path's projects locked (this one among them) while its order may change.
      const all = await projectsOf(ctx, t, found.pathId);
      const project = all.find((p) => p.id === found.id)!;
      const changes: Changes = {};
      if (input.code !== undefined && input.code !== project.code) {
        await checkCodeFree(ctx, t, 'project', input.code, project.id);
        changes.code = { from: project.code, to: input.code };
        project.code = input.code;
      }
      const color = input.color?.toLowerCase();
      for (const [field, value] of [['title', input.title], ['color', color], ['retired', input.retired]] as const) {
        if (value === undefined || value === project[field]) continue;
        changes[field] = { from: project[field], to: value };
        project.set(field, value);
      }
      if (Object.keys(changes).length > 0) await project.save({ transaction: t });
      if (input.position !== undefined) {
        const from = project.position;
        const others = all.filter((p) => p.id !== project.id);
        others.splice(Math.min(input.position, others.length + 1) - 1, 0, project);
        await renumber(t, others);
        if (project.position !== from) changes.position = { from, to: project.position };
      }
      if (Object.keys(changes).length > 0) await record(ctx, t, { type: 'project_updated', data: { projectId: project.id, pathId: project.pathId, changes } });
      return projectDto(project);
    }),
  );
}
