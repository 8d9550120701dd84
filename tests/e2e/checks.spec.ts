/**
 * The onboarding check against the sandbox: a healthy website user passes and its report holds no credential, a
 * wrong secret fails at the credentials with the fix shown and stops the rest, and a user without a mailbox fails
 * the real mail test while without consent only the inferred probe runs and no mail is sent. Symptoms of one cause
 * point at the finding that names it, and a run whose needed checks stayed unanswered is open, not failed. The
 * results list problems first with the passes folded; findings lead to new credentials, a re-check of their step
 * and exactly their calls in the journal; a running check can be cancelled and keeps nothing.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { startSandbox, type SandboxApiUser, type SandboxHandle } from '../../main/sandbox/index.ts';
import { DE, expect, fillNewProfile, openApp, setPassphrase, test as base } from './fixtures.ts';

/** The scenarios these tests need, slowed a little so the running state can be seen. */
const test = base.extend<{ sandbox: SandboxHandle }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  sandbox: async ({}, use) => {
    const sandbox = await startSandbox({ scenarios: ['healthy-website', 'wrong-secret', 'no-mailbox', 'only-published-none-published'], latencyMs: 300 });
    await use(sandbox);
    await sandbox.stop();
  },
});

function userOf(sandbox: SandboxHandle, scenario: string): SandboxApiUser {
  const user = sandbox.apiUsers.find((u) => u.scenario === scenario);
  if (user === undefined) throw new Error(`the sandbox has no API user for ${scenario}`);
  return user;
}

/** Creates a profile for the scenario's API user and opens its check. */
async function openCheck(page: Page, sandbox: SandboxHandle, scenario: string): Promise<SandboxApiUser> {
  const user = userOf(sandbox, scenario);
  await setPassphrase(page);
  await fillNewProfile(page, { label: `Sandbox ${scenario}`, endpoint: sandbox.endpoint, token: user.token, secret: user.secret });
  await page.getByRole('button', { name: DE['profile.check'] }).click();
  await expect(page.getByRole('heading', { name: DE['check.title'], level: 1 })).toBeVisible();
  return user;
}

const finding = (page: Page, id: string) => page.locator(`[data-finding-id="${id}"]`);
const text = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k]));

/** Opens the folded passes, so passing findings can be looked at. */
async function showPasses(page: Page): Promise<void> {
  const toggle = page.getByTestId('check-passes').getByRole('button');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

async function runCheck(page: Page): Promise<void> {
  await page.getByRole('button', { name: DE['check.run'] }).click();
  await expect(page.getByRole('button', { name: DE['check.running'] })).toBeDisabled();
  await expect(page.getByTestId('check-summary')).toBeVisible();
}

const sentMail = (sandbox: SandboxHandle): boolean => sandbox.control.requests().some((r) => JSON.stringify(r.body).includes('"sendmail"'));

test('a healthy website user passes, and its report holds neither token nor secret', async ({ page, host, sandbox }) => {
  await openApp(page, host);
  const user = await openCheck(page, sandbox, 'healthy-website');

  await page.getByRole('button', { name: DE['check.run'] }).click();
  await expect(page.getByRole('button', { name: DE['check.running'] })).toBeDisabled();
  await expect(page.getByTestId('check-progress').getByRole('status')).toBeVisible();
  await expect(page.getByTestId('check-summary')).toContainText(DE['check.verdict.ok']);
  await expect(page.getByTestId('check-summary')).toHaveAttribute('data-verdict', 'passed');
  // The heading of the results takes the focus once the check is done.
  await expect(page.getByRole('heading', { name: DE['check.results'], level: 2 })).toBeFocused();

  // The passes are one line until opened.
  const passes = page.getByTestId('check-passes').getByRole('button');
  await expect(passes).toHaveAttribute('aria-expanded', 'false');
  await expect(passes).toHaveText(/\d+ Prüfungen bestanden/);
  await expect(finding(page, 'credentials')).toHaveCount(0);
  await showPasses(page);
  for (const id of ['credentials', 'connection', 'identity', 'rights:estate:read', 'rights:address:read', 'rights:address:create']) {
    await expect(finding(page, id)).toHaveAttribute('data-status', 'pass');
  }
  await expect(page.getByRole('list', { name: DE['check.history'] }).getByRole('listitem')).toHaveCount(1);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: DE['check.report.markdown'] }).click();
  const report = await readFile((await (await download).path()) ?? '', 'utf8');
  expect(report).toContain(new URL(sandbox.endpoint).host);
  expect(report).not.toContain(user.token);
  expect(report).not.toContain(user.secret);
  const html = await page.content();
  expect(html).not.toContain(user.token);
  expect(html).not.toContain(user.secret);

  // The journal opens on this run's calls only.
  await page.getByRole('button', { name: DE['check.journal'] }).click();
  await expect(page.getByRole('group', { name: DE['journal.filter.run'] })).toBeVisible();
  await expect(page.getByRole('listbox', { name: DE['journal.listLabel'] }).getByRole('option').first()).toBeVisible();

  await page.getByRole('navigation').getByRole('button', { name: DE['nav.profiles'] }).click();
  await expect(page.getByRole('list', { name: DE['profiles.listLabel'] }).getByRole('button', { name: /Sandbox healthy-website/ })).toContainText(DE['profiles.checkedJustNow']);
});

test('a wrong secret fails at the credentials with the fix shown, and the later steps are skipped', async ({ page, host, sandbox }) => {
  await openApp(page, host);
  await openCheck(page, sandbox, 'wrong-secret');
  await runCheck(page);

  const credentials = finding(page, 'credentials');
  await expect(credentials).toHaveAttribute('data-status', 'fail');
  await expect(credentials.locator('.fix-title')).toHaveText(DE['fix.where.enterprise']);
  await expect(credentials).toContainText('Extras');
  await expect(page.getByTestId('check-summary')).toHaveAttribute('data-verdict', 'problems');
  await expect(page.getByTestId('check-summary')).toContainText(text(DE['check.verdict.failed.one'], { count: 1 }));

  // Problems first, and only problems until the person asks for the rest.
  const problemsOnly = page.getByRole('checkbox', { name: DE['check.problemsOnly'] });
  await expect(problemsOnly).toBeChecked();
  await expect(page.getByTestId('check-problems').locator('[data-finding-id]').first()).toHaveAttribute('data-status', 'fail');
  await expect(finding(page, 'server-log')).toHaveCount(0);
  await expect(page.getByTestId('notes-hidden')).toBeVisible();
  await problemsOnly.uncheck();
  for (const id of ['rights:estate:read', 'publish:estates', 'server-log']) await expect(finding(page, id)).toHaveAttribute('data-status', 'skipped');
});

test('a finding leads to its calls in the journal, a re-check of its step, and new credentials', async ({ page, host, sandbox }) => {
  await openApp(page, host);
  await openCheck(page, sandbox, 'wrong-secret');
  await runCheck(page);
  const credentials = finding(page, 'credentials');
  const toJournal = credentials.getByRole('button', { name: DE['check.do.journal'] });
  const cited = Number(await toJournal.getAttribute('data-calls'));
  expect(cited).toBeGreaterThan(0);

  // Exactly the finding's calls.
  await toJournal.click();
  const rows = page.getByRole('listbox', { name: DE['journal.listLabel'] }).getByRole('option');
  await expect(rows).toHaveCount(cited);
  // …and the filter says so: it is narrowed to one finding's calls, not the whole run.
  await expect(page.getByTestId('journal-only-calls')).toHaveText(DE[cited === 1 ? 'journal.filter.calls.one' : 'journal.filter.calls.other'].replace('{count}', String(cited)));
  // All of the run's calls: at least those.
  await page.getByRole('navigation').getByRole('button', { name: DE['nav.checks'] }).click();
  await page.getByTestId('check-summary').getByRole('button', { name: DE['check.journal'] }).click();
  await expect(rows.first()).toBeVisible();
  await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(cited);

  // A re-check of the step runs only that step, is marked so, and stays out of the profile's last check.
  await page.getByRole('navigation').getByRole('button', { name: DE['nav.checks'] }).click();
  await finding(page, 'credentials').getByRole('button', { name: DE['check.do.recheck'] }).click();
  await expect(page.getByTestId('check-partial')).toHaveText(text(DE['check.partial'], { steps: DE['check.step.connection'] }));
  await expect(page.getByRole('list', { name: DE['check.history'] }).getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('list', { name: DE['check.history'] }).getByText(text(DE['check.partial'], { steps: DE['check.step.connection'] }))).toBeVisible();

  // onOffice refused the credentials: the fix opens the profile's credential replacement.
  await finding(page, 'credentials').getByRole('button', { name: DE['check.do.replaceCredentials'] }).click();
  await expect(page.getByRole('heading', { name: DE['profile.rotate.title'] })).toBeVisible();
});

test('a running check can be cancelled: nothing is kept and the form is usable again', async ({ page, host, sandbox }) => {
  // Slow enough that the check is still running when Cancel is pressed.
  sandbox.control.setFaults({ latencyMs: 4000 });
  await openApp(page, host);
  await openCheck(page, sandbox, 'healthy-website');
  await page.getByRole('button', { name: DE['check.run'] }).click();
  await expect(page.getByRole('button', { name: DE['check.running'] })).toBeDisabled();
  await page.getByRole('button', { name: DE['check.cancel'] }).click();
  await expect(page.getByTestId('check-cancelled')).toHaveText(DE['check.cancelled']);
  await expect(page.getByRole('button', { name: DE['check.run'] })).toBeEnabled();
  await expect(page.getByTestId('check-summary')).toHaveCount(0);
  await expect(page.getByText(DE['check.history.empty'])).toBeVisible();
});

test('without a mailbox: without consent only the inferred probe runs and no mail is sent; with consent the mail test fails', async ({ page, host, sandbox }) => {
  await openApp(page, host);
  await openCheck(page, sandbox, 'no-mailbox');
  await page.getByLabel(DE['check.mail.enable']).check();
  await page.getByLabel(DE['check.mail.identity'], { exact: true }).fill('info@example.com');
  await page.getByLabel(DE['check.mail.receiver'], { exact: true }).fill('me@example.com');
  await expect(page.getByText(DE['check.mail.consent.off'])).toBeVisible();
  await runCheck(page);

  const mailbox = finding(page, 'mailbox');
  // What "inferred" means is one keypress away, not a hover-only title.
  const inferred = mailbox.getByRole('button', { name: DE['check.heuristic'] });
  await expect(inferred).toHaveAttribute('aria-expanded', 'false');
  await inferred.focus();
  await page.keyboard.press('Enter');
  await expect(inferred).toHaveAttribute('aria-expanded', 'true');
  await expect(mailbox.getByText(DE['check.heuristic.hint'])).toBeVisible();
  expect(sentMail(sandbox)).toBe(false);
  expect(sandbox.control.outbox('no-mailbox')).toHaveLength(0);

  await page.getByLabel(DE['check.mail.consent']).check();
  await expect(page.getByText(DE['check.mail.consent.on'])).toBeVisible();
  await runCheck(page);
  await expect(mailbox).toHaveAttribute('data-status', 'fail');
  await expect(mailbox.locator('[data-heuristic="true"]')).toHaveCount(0);
  await expect(mailbox.locator('.fix-box')).toBeVisible();
  expect(sentMail(sandbox)).toBe(true);
  // The consent was for one mail: the next run sends none unless ticked again.
  await expect(page.getByLabel(DE['check.mail.consent'])).not.toBeChecked();
  await expect(page.getByLabel(DE['check.mail.identity'], { exact: true })).toHaveValue('info@example.com');
  await expect(page.getByRole('list', { name: DE['check.history'] }).getByRole('listitem')).toHaveCount(2);
});

test('one cause, one fix: the symptoms point at the finding that names the cause', async ({ page, host, sandbox }) => {
  await openApp(page, host);
  await openCheck(page, sandbox, 'only-published-none-published');
  await runCheck(page);

  const cause = finding(page, 'rights:estate:read');
  await expect(cause).toHaveAttribute('data-status', 'fail');
  await expect(cause.locator('.fix-box')).toBeVisible();
  // The symptoms were not checked on their own: they are notes, shown when the person asks for more than problems.
  await expect(page.getByTestId('check-problems').locator('[data-finding-id="publish:estates"]')).toHaveCount(0);
  await page.getByRole('checkbox', { name: DE['check.problemsOnly'] }).uncheck();
  for (const id of ['rights:address:read', 'publish:estates', 'publish:addresses', 'publish:pictures']) {
    await expect(finding(page, id).locator('.fix-box')).toHaveCount(0);
    await expect(finding(page, id).locator('[data-caused-by="rights:estate:read"]')).toBeVisible();
  }
  await finding(page, 'publish:estates').locator('[data-caused-by]').click();
  await expect(cause).toBeFocused();
});

test('a needed check without an answer makes the run open, not failed and not fine', async ({ page, host, sandbox }) => {
  sandbox.control.setUnknowns({ noMailboxCode: 50 });
  await openApp(page, host);
  await openCheck(page, sandbox, 'no-mailbox');
  await page.getByLabel(DE['check.mail.enable']).check();
  await page.getByLabel(DE['check.mail.identity'], { exact: true }).fill('info@example.com');
  await page.getByLabel(DE['check.mail.receiver'], { exact: true }).fill('me@example.com');
  await page.getByLabel(DE['check.mail.consent']).check();
  await runCheck(page);

  await expect(finding(page, 'mailbox')).toHaveAttribute('data-status', 'unknown');
  await expect(finding(page, 'mailbox').locator('.fix-box')).toHaveCount(0);
  const summary = page.getByTestId('check-summary');
  await expect(summary).toHaveAttribute('data-verdict', 'inconclusive');
  await expect(summary).toContainText(text(DE['check.verdict.inconclusive.one'], { count: 1 }));
  // Never shown green: the open required check stands among the problems, before any warning.
  await expect(page.getByTestId('check-problems').locator('[data-finding-id="mailbox"]')).toBeVisible();
});
