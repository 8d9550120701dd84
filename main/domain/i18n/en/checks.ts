/** English texts: checks. Part of the catalogue (../catalogue.ts); ../de/checks.ts has exactly these keys and placeholders. */
export const checks = {
} as const satisfies Record<string, string>;
