/** The catalogue, as the renderer uses it (main/domain/i18n is shared by main and renderer). */
import type { MessageKey, Values } from '../../main/domain/i18n/index.ts';

export {
  CATALOGUE,
  formatDateTime,
  languageFromLocale,
  plural,
  render,
  translate,
  type Language,
  type MessageKey,
  type PluralKey,
  type Text,
} from '../../main/domain/i18n/index.ts';

export type Translate = (key: MessageKey, values?: Values) => string;
