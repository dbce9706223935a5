export * from './digest';
export * from './item';
export * from './query';
export * from './search';
