/** English texts: cli. Part of the catalogue (../catalogue.ts); ../de/cli.ts has exactly these keys and placeholders. */
export const cli = {
} as const satisfies Record<string, string>;
