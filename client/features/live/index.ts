/** What the live feature offers the board: the feed's subscription and its indicator. */
export { LiveIndicator } from './LiveIndicator';
export { useBoardEvents, type LiveStatus } from './useBoardEvents';
