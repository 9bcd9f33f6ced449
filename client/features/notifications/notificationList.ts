/** The viewer's notifications, polled every 30 s while the page is in front: one query for the bell and its panel. */
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc';

export function useNotificationList() {
  const trpc = useTRPC();
  return useQuery(trpc.notification.list.queryOptions(undefined, { refetchInterval: 30_000, refetchIntervalInBackground: false }));
}
