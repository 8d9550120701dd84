/** English texts: guide. Part of the catalogue (../catalogue.ts); ../de/guide.ts has exactly these keys and placeholders. */
export const guide = {
} as const satisfies Record<string, string>;
