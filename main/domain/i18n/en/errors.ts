/** English texts: errors. Part of the catalogue (../catalogue.ts); ../de/errors.ts has exactly these keys and placeholders. */
export const errors = {
} as const satisfies Record<string, string>;
