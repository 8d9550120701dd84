/** Deutsche Texte: checks. Genau die Schlüssel und Platzhalter von ../en/checks.ts. */
import type { checks as en } from '../en/checks.ts';

export const checks = {
} as const satisfies Record<keyof typeof en, string>;
