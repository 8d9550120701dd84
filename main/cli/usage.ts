/**
 * Every command's usage text, apart from the commands: `--help` and the overall usage read only these and the
 * data they name (use cases, fault kinds, switches), never the sandbox server, the client or the check engine.
 */
import { render, T, verbatim } from '../domain/i18n/index.ts';
import { USE_CASE_NAMES } from '../domain/usecases.ts';
import { FAULT_KINDS } from '../sandbox/faults.ts';
import { UNKNOWN_CHOICES } from '../sandbox/unknowns.ts';
import type { Lang } from './io.ts';

export const sandboxUsage = (lang: Lang): string =>
  render(lang, T('cli.usage.sandbox', { faults: FAULT_KINDS.join(', '), switches: Object.keys(UNKNOWN_CHOICES).join(', ') }));

export const callUsage = (lang: Lang): string => render(lang, T('cli.usage.call'));

export const doctorUsage = (lang: Lang): string => render(lang, T('cli.usage.doctor', { useCases: USE_CASE_NAMES.join('|') }));

export const cliUsage = (lang: Lang): string =>
  render(lang, T('cli.usage', { sandbox: verbatim(sandboxUsage(lang)), call: verbatim(callUsage(lang)), doctor: verbatim(doctorUsage(lang)) }));
