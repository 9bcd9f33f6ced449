export const root: string;
export function ensureClientBuilt(): void;
