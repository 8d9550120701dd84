/**
 * "Try it with the sandbox": the local onOffice sandbox runs inside the app (on 127.0.0.1, a free port) and one
 * demo profile per scenario points at it, with that scenario's credentials sealed like any others. The sandbox's
 * credentials depend on its seed only, so after a restart a new sandbox with the same seed opens the same demo
 * profiles: only their address moves to the port it listens on now (the one it had when that is still free).
 */
import type { ProfileView, UseCase } from '../../preload/contract.ts';
import { translate, type Language, type MessageKey } from '../domain/i18n/index.ts';
import { tokenHint } from '../onoffice/mask.ts';
import { SCENARIO_NAMES, startSandbox, type SandboxApiUser, type SandboxHandle } from '../sandbox/index.ts';
import type { ScenarioName } from '../sandbox/scenarios.ts';
import type { CheckPreferenceStore } from '../store/check-preferences.ts';
import type { Profile, ProfileStore } from '../store/profiles.ts';
import type { CipherSource } from '../store/secrets.ts';
import type { Handlers } from './dispatch.ts';

/** Fixed: the same seed gives the same tenants and credentials, so demo profiles outlive a restart. */
export const DEMO_SEED = 1;

/** The use case each scenario's API user was set up for (every scenario has one, and a label in the catalogue). */
const USE_CASE: Record<ScenarioName, UseCase> = {
  'healthy-website': 'website',
  'wrong-secret': 'website',
  'revoked-token': 'website',
  'no-read-rights': 'website',
  'only-own-rights': 'website',
  'only-published-none-published': 'website',
  'only-published-some': 'website',
  'excess-rights': 'website',
  'no-mailbox': 'email',
  'inactive-mailbox': 'email',
  'admin-log-reader': 'log-reader',
  'clock-skew': 'website',
  flaky: 'website',
  'estate-variety': 'website',
  // The marketplace app only reads estates and addresses.
  'marketplace-provider': 'portal-export',
};

const isKnownScenario = (name: string): name is ScenarioName => Object.hasOwn(USE_CASE, name);

export interface DemoOptions {
  profiles: ProfileStore;
  checkPreferences: CheckPreferenceStore;
  cipher: CipherSource;
  view: (p: Profile) => ProfileView;
  language: () => Language;
  /** The sandbox's clock: the app's, so signatures and server time agree. */
  now: () => number;
  log?: (line: string) => void;
}

export interface Demo {
  handlers: Pick<Handlers, 'demoStart' | 'demoRemove'>;
  /** At app start: demo profiles left from before get their sandbox back. Never throws (the next demo action retries). */
  resume(): Promise<void>;
  /** The sandbox's endpoint while it runs. */
  endpoint(): string | null;
  stop(): Promise<void>;
}

/** The port a demo profile's address names, to listen on it again; 0 (any free port) when there is none. */
function previousPort(profiles: readonly Profile[]): number {
  for (const p of profiles) {
    try {
      const port = Number(new URL(p.endpoint.url).port);
      if (Number.isInteger(port) && port > 0) return port;
    } catch {
      // An address that is no URL: no port to reuse.
    }
  }
  return 0;
}

export function createDemo(options: DemoOptions): Demo {
  const { profiles, checkPreferences } = options;
  let sandbox: SandboxHandle | null = null;
  /** Demo actions run one after the other: two quick clicks make one sandbox and one set of profiles. */
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const start = async (port: number): Promise<SandboxHandle> => {
    const settings = { scenarios: SCENARIO_NAMES.filter(isKnownScenario), seed: DEMO_SEED, clock: options.now };
    if (port === 0) return startSandbox(settings);
    try {
      return await startSandbox({ ...settings, port });
    } catch {
      // Taken by something else meanwhile: any free port will do, the profiles follow it.
      return startSandbox(settings);
    }
  };

  /** Starts the sandbox when it is not running and points the demo profiles at it. */
  const ensureRunning = async (): Promise<SandboxHandle> => {
    if (sandbox === null) sandbox = await start(previousPort(profiles.listDemo()));
    profiles.moveDemoEndpoints(sandbox.endpoint);
    return sandbox;
  };

  const userFor = (sb: SandboxHandle, scenario: string): SandboxApiUser | undefined => sb.apiUsers.find((u) => u.scenario === scenario);

  /** The mailbox the scenario's website sends from, if it has one. */
  const websiteMailbox = (sb: SandboxHandle, scenario: string): string | null =>
    sb.control.tenant(scenario).mailboxes.find((m) => m.email.startsWith('website@'))?.email ?? null;

  /**
   * Demo profiles whose stored token is not the sandbox's (made by a version whose sandbox handed out others) get
   * the current credentials; only possible while the vault is open, so it waits for the next demo action otherwise.
   */
  const refreshCredentials = async (sb: SandboxHandle): Promise<void> => {
    for (const p of profiles.listDemo()) {
      const user = userFor(sb, p.demoScenario ?? '');
      if (!user || p.tokenHint === tokenHint(user.token)) continue;
      await profiles.rotateCredentials(p.id, { token: user.token, secret: user.secret, ...(user.apiClaim ? { apiClaim: user.apiClaim } : {}) });
    }
  };

  const create = async (): Promise<ProfileView[]> => {
    // Refuses with `locked` while the vault is closed, before anything starts.
    options.cipher.current();
    const sb = await ensureRunning();
    await refreshCredentials(sb);
    const language = options.language();
    const t = (key: MessageKey, values?: Record<string, string>) => translate(language, key, values);
    const present = new Set(profiles.listDemo().map((p) => p.demoScenario));
    for (const user of sb.apiUsers) {
      const scenario = user.scenario;
      if (!isKnownScenario(scenario) || present.has(scenario)) continue;
      const created = await profiles.create(
        {
          label: t('demo.label', { scenario: t(`demo.scenario.${scenario}`) }),
          customer: sb.control.tenant(scenario).customerName,
          endpoint: { kind: 'custom', url: sb.endpoint },
          useCase: USE_CASE[scenario],
          notes: t(`demo.scenario.${scenario}.about`),
        },
        { token: user.token, secret: user.secret, ...(user.apiClaim ? { apiClaim: user.apiClaim } : {}) },
        { demoScenario: scenario },
      );
      checkPreferences.setMailIdentity(created.id, websiteMailbox(sb, scenario));
      present.add(scenario);
    }
    return profiles.listDemo().map(options.view);
  };

  const stopSandbox = async (): Promise<void> => {
    const running = sandbox;
    sandbox = null;
    await running?.stop();
  };

  const remove = async (): Promise<{ removed: number }> => {
    const demo = profiles.listDemo();
    // Their check preferences and field catalogues go with them (ON DELETE CASCADE).
    for (const p of demo) profiles.delete(p.id);
    if (profiles.listDemo().length === 0) await stopSandbox();
    return { removed: demo.length };
  };

  return {
    handlers: {
      demoStart: () => serial(create),
      demoRemove: () => serial(remove),
    },
    resume: () =>
      serial(async () => {
        if (profiles.listDemo().length === 0) return;
        try {
          const sb = await ensureRunning();
          const locked = (() => {
            try {
              options.cipher.current();
              return false;
            } catch {
              return true;
            }
          })();
          if (!locked) await refreshCredentials(sb);
        } catch (e) {
          // The app starts anyway; "Try it with the sandbox" starts it again.
          options.log?.(`api-user-desk: the demo sandbox did not start (${e instanceof Error ? e.name : typeof e})\n`);
        }
      }),
    endpoint: () => sandbox?.endpoint ?? null,
    stop: () => serial(stopSandbox),
  };
}
