/**
 * Kept for client/features/shell only, which other work is changing now: the modal lives
 * in client/components/Modal.tsx. Delete once the shell imports it from there.
 */
export * from '../../components/Modal';
