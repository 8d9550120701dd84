/** Every English text, all sections in one dictionary. The renderer loads it as its own chunk, only when shown. */
import { checks } from './checks.ts';
import { cli } from './cli.ts';
import { errors } from './errors.ts';
import { guide } from './guide.ts';
import { ui } from './ui.ts';

export const en = { ...ui, ...checks, ...errors, ...cli, ...guide } as const;
/** The sections one by one (a key defined in two sections would silently shadow a text: catalogue.test.ts). */
export const SECTIONS = { ui, checks, errors, cli, guide } as const;
