/** The text catalogue and texts as data. */
export * from './catalogue.ts';
export * from './text.ts';
