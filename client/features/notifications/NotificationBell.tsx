/** Placeholder: the bell with unread count and list (owned by the card/people screens work). */
export function NotificationBell() {
  return null;
}
