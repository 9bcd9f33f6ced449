import type { Me } from '../../trpc';

/** Placeholder, replaced by the people screens work. */
export function LearnerPage(_: { user: Me }) {
  return <div className="page" />;
}
