export * from './boards';
export * from './rules';
export * from './eligibility';
