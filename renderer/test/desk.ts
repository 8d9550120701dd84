/**
 * Component tests: a stand-in for the main process, which cannot run inside happy-dom. `window.desk` becomes one
 * object (getDesk() keeps the first desk it sees) whose calls go to the answers the test gave with `answer()`;
 * every call is recorded, and a call the test gave no answer for fails loudly instead of passing unnoticed.
 * Answers are shaped like preload/contract.ts's results; none carries a secret, as main's never do.
 */
import type { ChannelName, DeskApi, RequestOf, Result, ResultOf } from '../../preload/contract.ts';
import { CHANNEL_NAMES, SETTINGS_DEFAULTS } from '../../main/domain/vocabulary.ts';
import { useAppStore } from '../stores/app.ts';
import { useGuideStore } from '../stores/guide.ts';
import { useProfilesStore } from '../stores/profiles.ts';
import { useSettingsStore } from '../stores/settings.ts';

export type Answers = { [C in ChannelName]?: (request: RequestOf<C>) => Result<ResultOf<C>> | Promise<Result<ResultOf<C>>> };

export interface DeskCall {
  channel: ChannelName;
  request: unknown;
}

let answers: Answers = {};
const calls: DeskCall[] = [];

function dispatch(channel: ChannelName, request: unknown): Promise<Result<unknown>> {
  calls.push({ channel, request });
  const handler = answers[channel] as ((request: unknown) => Result<unknown> | Promise<Result<unknown>>) | undefined;
  if (handler === undefined) return Promise.reject(new Error(`the test gave no answer for desk.${channel}`));
  return Promise.resolve(handler(request));
}

const standIn: Record<string, unknown> = { on: () => () => undefined };
for (const channel of CHANNEL_NAMES) standIn[channel] = (request: unknown) => dispatch(channel, request);
window.desk = standIn as DeskApi;

/** The answers for this test (earlier ones and the recorded calls are forgotten). */
export function answer(next: Answers): void {
  answers = next;
  calls.length = 0;
}

/** The requests made on one channel so far, in order. */
export function requestsOf<C extends ChannelName>(channel: C): RequestOf<C>[] {
  return calls.filter((c) => c.channel === channel).map((c) => c.request as RequestOf<C>);
}

/** Which channels were called so far, in order. */
export const channelsCalled = (): ChannelName[] => calls.map((c) => c.channel);

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** Every store back to how the app starts, in the given language. */
export function resetStores(language: 'de' | 'en' = 'en'): void {
  useAppStore.setState(useAppStore.getInitialState(), true);
  useGuideStore.setState(useGuideStore.getInitialState(), true);
  useProfilesStore.setState(useProfilesStore.getInitialState(), true);
  useSettingsStore.setState(useSettingsStore.getInitialState(), true);
  useSettingsStore.setState({ settings: { ...SETTINGS_DEFAULTS, language, languageChosen: true }, loaded: true });
}
