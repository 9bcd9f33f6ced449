import type { Me } from '../../trpc';

/** Placeholder, replaced by the people screens work. */
export function SettingsPage(_: { user: Me }) {
  return <div className="page" />;
}
