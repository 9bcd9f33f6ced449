/** What the notifications feature offers the shell: the bell (its panel loads when first opened). */
export { NotificationBell } from './NotificationBell';
