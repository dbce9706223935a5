export * from './analysis';
export * from './decision';
export * from './enrichment';
export * from './errors';
export * from './flow';
export * from './import';
export * from './manual';
export * from './statusChange';
