/** The school's catalog (paths, projects, people), read once and looked up by id on every screen. */
import { useQuery } from '@tanstack/react-query';
import { useTRPC, type Catalog } from '../trpc';

export type Project = Catalog['projects'][number];
export type Person = Catalog['people'][number];

export function useCatalog() {
  const trpc = useTRPC();
  return useQuery(trpc.catalog.get.queryOptions(undefined, { staleTime: 5 * 60_000 })).data ?? null;
}

/** Lookups by id over the catalog: people's names, projects, paths. */
export function catalogIndex(catalog: Catalog | null) {
  const people = new Map((catalog?.people ?? []).map((p) => [p.id, p]));
  const projects = new Map((catalog?.projects ?? []).map((p) => [p.id, p]));
  const paths = new Map((catalog?.paths ?? []).map((p) => [p.id, p]));
  return {
    personName: (id: number | null | undefined) => (id == null ? null : people.get(id)?.name ?? `#${id}`),
    /** False for a deactivated person (their cards stay, and say so). */
    personActive: (id: number | null | undefined) => id == null || (people.get(id) as { active?: boolean } | undefined)?.active !== false,
    project: (id: number | null | undefined) => (id == null ? undefined : projects.get(id)),
    path: (id: number | null | undefined) => (id == null ? undefined : paths.get(id)),
  };
}

export type CatalogNames = ReturnType<typeof catalogIndex>;
