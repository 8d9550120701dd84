/** Deutsche Texte: guide. Genau die Schlüssel und Platzhalter von ../en/guide.ts. */
import type { guide as en } from '../en/guide.ts';

export const guide = {
} as const satisfies Record<keyof typeof en, string>;
