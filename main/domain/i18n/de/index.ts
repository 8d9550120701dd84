/** Alle deutschen Texte, alle Abschnitte in einem Wörterbuch. Die Oberfläche lädt es als eigenes Stück, nur wenn gezeigt. */
import { checks } from './checks.ts';
import { cli } from './cli.ts';
import { errors } from './errors.ts';
import { guide } from './guide.ts';
import { ui } from './ui.ts';

export const de = { ...ui, ...checks, ...errors, ...cli, ...guide } as const;
