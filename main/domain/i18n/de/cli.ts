/** Deutsche Texte: cli. Genau die Schlüssel und Platzhalter von ../en/cli.ts. */
import type { cli as en } from '../en/cli.ts';

export const cli = {
} as const satisfies Record<keyof typeof en, string>;
