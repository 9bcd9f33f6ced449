export * from './common';
export * from './auth';
export * from './board';
export * from './card';
export * from './learner';
export * from './mentor';
export * from './audit';
export * from './accounts';
