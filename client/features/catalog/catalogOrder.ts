/** A path's projects in their order (position, then id), as the catalogue page lists them. Pure. */
export function sortedProjects<P extends { pathId: number; position: number; id: number }>(projects: readonly P[], pathId: number): P[] {
  return projects.filter((p) => p.pathId === pathId).sort((a, b) => a.position - b.position || a.id - b.id);
}
