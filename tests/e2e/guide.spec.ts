/**
 * The setup guide on the sandbox: a new API user walked from the use case to the log in German — one step by
 * keyboard alone, token and secret checked as they are typed, each step checked on its own, the test mail sent
 * only with the consent given for it — and resumed where it stopped; and the same user set up in English to the
 * end, moving through the step list with the arrow keys and through publishing and the test mail by keyboard.
 */
import type { Page } from '@playwright/test';
import { en } from '../../main/domain/i18n/catalogue.ts';
import type { SandboxApiUser, SandboxHandle } from '../../main/sandbox/index.ts';
import { DE, expect, openApp, setPassphrase, test } from './fixtures.ts';

type Texts = typeof DE;

function healthyUser(sandbox: SandboxHandle): SandboxApiUser {
  const user = sandbox.apiUsers.find((u) => u.scenario === 'healthy-website');
  if (user === undefined) throw new Error('the sandbox has no healthy website user');
  return user;
}

const stepButton = (page: Page, X: Texts, step: string) => page.getByRole('navigation', { name: X['guide.steps'] }).getByRole('button', { name: new RegExp(X[`guide.step.${step}` as keyof Texts]) });
const heading = (page: Page, X: Texts, step: string) => page.getByRole('heading', { level: 2, name: X[`guide.step.${step}` as keyof Texts] });
const finding = (page: Page, id: string) => page.locator(`[data-finding-id="${id}"]`);
const sentMails = (sandbox: SandboxHandle) => sandbox.control.outbox('healthy-website').length;

/** Step 3: a profile for the sandbox user, with a stray space first so the live check shows. */
async function enterCredentials(page: Page, X: Texts, sandbox: SandboxHandle, user: SandboxApiUser): Promise<void> {
  await page.getByLabel(X['field.label'], { exact: true }).fill('Website Müller');
  await page.getByRole('radio', { name: new RegExp(X['field.endpoint.custom']) }).check();
  await page.getByLabel(X['field.endpointUrl'], { exact: true }).fill(sandbox.endpoint);
  await page.getByLabel(X['field.token'], { exact: true }).fill(`${user.token} `);
  await expect(page.locator('[data-error-code="token-whitespace"]')).toBeVisible();
  await page.getByLabel(X['field.token'], { exact: true }).fill(user.token);
  await expect(page.locator('[data-error-code="token-whitespace"]')).toHaveCount(0);
  await page.getByLabel(X['field.secret'], { exact: true }).fill(user.secret.slice(0, 40));
  await expect(page.locator('[data-error-code="secret-length"]')).toBeVisible();
  await page.getByLabel(X['field.secret'], { exact: true }).fill(user.secret);
  await page.getByRole('button', { name: X['guide.credentials.create'] }).click();
  await expect(heading(page, X, 'connection')).toBeFocused();
  await expect(stepButton(page, X, 'credentials')).toHaveAttribute('data-step-status', 'passed');
}

async function checkStep(page: Page, X: Texts, step: string, button: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  // Focus moves to the result once the check is done.
  await expect(page.getByTestId(`guide-result-${step}`)).toBeFocused();
  await expect(page.getByTestId(`guide-result-${step}`)).not.toContainText(X['guide.result.none']);
}

test('a new API user walked through the whole guide in German, then resumed where it stopped', async ({ page, host, sandbox }) => {
  const user = healthyUser(sandbox);
  const mailboxes = sandbox.control.tenant('healthy-website').mailboxes;
  const identity = mailboxes.find((m) => m.assignedUserIds.includes(user.userId))?.email ?? '';
  const someoneElses = mailboxes.find((m) => !m.assignedUserIds.includes(user.userId))?.email ?? '';
  await openApp(page, host);
  await setPassphrase(page);
  await page.getByRole('button', { name: DE['profiles.setupNew'] }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: DE['guide.title'] })).toBeVisible();

  // Step 1 by keyboard alone: focus starts on the heading, the arrows pick a use case, Enter on "Next" moves on.
  await expect(heading(page, DE, 'useCase')).toBeFocused();
  await expect(stepButton(page, DE, 'useCase')).toHaveAttribute('aria-current', 'step');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: new RegExp(DE['useCase.website']) })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: new RegExp(DE['useCase.lead-intake']) })).toBeChecked();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('radio', { name: new RegExp(DE['useCase.website']) })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: DE['guide.next'] })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(heading(page, DE, 'create')).toBeFocused();
  await expect(stepButton(page, DE, 'create')).toHaveAttribute('aria-current', 'step');
  await expect(stepButton(page, DE, 'useCase')).toHaveAttribute('data-step-status', 'passed');

  // Step 2: where to create the user, and the warning about the secret.
  await expect(page.getByText(DE['guide.create.path'])).toBeVisible();
  await expect(page.getByTestId('guide-secret-warning')).toContainText(DE['guide.create.secretOnce']);
  await expect(page.getByTestId('guide-secret-warning')).toContainText(DE['guide.create.regenerate']);
  await page.getByRole('button', { name: DE['guide.next'] }).click();

  await enterCredentials(page, DE, sandbox, user);

  // Step 4: the connection step alone.
  const before = sandbox.control.requestCount();
  await checkStep(page, DE, 'connection', DE['guide.connection.check']);
  // Only the connection step's probes went out: no rights, publishing, mail or log calls.
  const sent = JSON.stringify(sandbox.control.requests().slice(-(sandbox.control.requestCount() - before)).map((r) => r.body));
  expect(sent).toContain('basicsettings');
  for (const other of ['checkuserrecordsright', 'emailInfo', '"log"']) expect(sent).not.toContain(other);
  await expect(finding(page, 'connection')).toHaveAttribute('data-status', 'pass');
  await expect(finding(page, 'rights:estate:read')).toHaveCount(0);
  await expect(stepButton(page, DE, 'connection')).toHaveAttribute('data-step-status', 'passed');
  await page.getByRole('button', { name: DE['guide.next'] }).click();

  // Step 5: one row per needed right, each verified, and "check again" runs the rights alone.
  await expect(heading(page, DE, 'rights')).toBeFocused();
  const rights = page.getByRole('table', { name: DE['guide.rights.table'] });
  await expect(rights.locator('tbody tr')).toHaveCount(4);
  await checkStep(page, DE, 'rights', DE['guide.rights.check']);
  for (const id of ['rights:estate:read', 'rights:address:read', 'rights:address:create']) {
    await expect(rights.locator(`[data-right="${id}"]`)).toHaveAttribute('data-status', 'pass');
  }
  await checkStep(page, DE, 'rights', DE['guide.rights.again']);
  await expect(finding(page, 'connection')).toHaveCount(0);
  await page.getByRole('button', { name: DE['guide.next'] }).click();

  // Step 6: publishing per module and an expected estate.
  await expect(heading(page, DE, 'publish')).toBeFocused();
  await page.getByLabel(DE['check.estates'], { exact: true }).fill('abc');
  await expect(page.getByText(DE['check.estates.invalid'].replace('{item}', 'abc'))).toBeVisible();
  await page.getByLabel(DE['check.estates'], { exact: true }).fill('1');
  await checkStep(page, DE, 'publish', DE['guide.publish.check']);
  await expect(finding(page, 'publish:estates')).toBeVisible();
  await expect(finding(page, 'estate:1')).toBeVisible();
  await page.getByRole('button', { name: DE['guide.next'] }).click();

  // Step 7: not needed for a website, but a mail goes out only with the tick given for it, which is then cleared.
  await expect(heading(page, DE, 'mailbox')).toBeFocused();
  await expect(stepButton(page, DE, 'mailbox')).toHaveAttribute('data-step-status', 'notNeeded');
  await expect(page.getByText(DE['guide.mailbox.notNeeded'])).toBeVisible();
  // A mailbox of another user: refused, a problem with the path to the assignment.
  await page.getByLabel(DE['check.mail.identity'], { exact: true }).fill(someoneElses);
  await page.getByRole('button', { name: DE['guide.mailbox.probe'] }).click();
  await expect(page.getByTestId('guide-result-mailbox')).toBeFocused();
  await expect(stepButton(page, DE, 'mailbox')).toHaveAttribute('data-step-status', 'problem');
  await page.getByLabel(DE['check.mail.identity'], { exact: true }).fill(identity);
  await page.getByLabel(DE['check.mail.receiver'], { exact: true }).fill('me@example.com');
  await page.getByRole('button', { name: DE['guide.mailbox.send'] }).click();
  await expect(page.getByText(DE['guide.mailbox.consent.missing'])).toBeVisible();
  expect(sentMails(sandbox)).toBe(0);
  await page.getByRole('button', { name: DE['guide.mailbox.probe'] }).click();
  await expect(page.getByTestId('guide-result-mailbox')).toBeFocused();
  await expect(page.getByTestId('guide-mail-unverified')).toBeVisible();
  await expect(stepButton(page, DE, 'mailbox')).toHaveAttribute('data-step-status', 'unverified');
  expect(sentMails(sandbox)).toBe(0);
  const consent = page.getByLabel(DE['guide.mailbox.consent']);
  await consent.check();
  await page.getByRole('button', { name: DE['guide.mailbox.send'] }).click();
  await expect(page.getByTestId('guide-result-mailbox')).toBeFocused();
  await expect(finding(page, 'mailbox')).toHaveAttribute('data-status', 'pass');
  await expect(page.getByTestId('guide-mail-unverified')).toHaveCount(0);
  await expect(stepButton(page, DE, 'mailbox')).toHaveAttribute('data-step-status', 'passed');
  await expect(consent).not.toBeChecked();
  expect(sentMails(sandbox)).toBe(1);
  await page.getByRole('button', { name: DE['guide.next'] }).click();

  // Step 8: the server log (no Admin here) and this profile's journal.
  await expect(heading(page, DE, 'log')).toBeFocused();
  await checkStep(page, DE, 'log', DE['guide.log.check']);
  await expect(finding(page, 'server-log')).toBeVisible();
  expect(await page.content()).not.toContain(user.secret);
  expect(await page.content()).not.toContain(user.token);
  await page.getByRole('button', { name: DE['guide.log.journal'] }).click();
  await expect(page.getByRole('listbox', { name: DE['journal.listLabel'] }).getByRole('option').first()).toBeVisible();

  // Resumed from the profile: the step it stopped at, the results and the remembered addresses — but no consent.
  await page.getByRole('navigation').getByRole('button', { name: DE['nav.profiles'] }).click();
  await page.reload();
  await expect(page.locator('html[data-app-state="ready"]')).toBeAttached();
  await page.getByRole('button', { name: DE['profiles.continueSetup'] }).click();
  await expect(heading(page, DE, 'log')).toBeFocused();
  await expect(stepButton(page, DE, 'connection')).toHaveAttribute('data-step-status', 'passed');
  await expect(stepButton(page, DE, 'mailbox')).toHaveAttribute('data-step-status', 'passed');
  await stepButton(page, DE, 'mailbox').click();
  await expect(page.getByLabel(DE['check.mail.identity'], { exact: true })).toHaveValue(identity);
  await expect(page.getByLabel(DE['guide.mailbox.consent'])).not.toBeChecked();
  await stepButton(page, DE, 'publish').click();
  await expect(page.getByLabel(DE['check.estates'], { exact: true })).toHaveValue('1');
});

test('in English: the step list by keyboard, swapped credentials caught, the rights re-checked alone, on to the log', async ({ page, host, sandbox }) => {
  const user = healthyUser(sandbox);
  await openApp(page, host);
  await setPassphrase(page);
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await page.getByRole('button', { name: en['profiles.setupNew'] }).first().click();
  await expect(heading(page, en, 'useCase')).toBeFocused();

  // The step list: Tab into it, arrows move between the steps, Enter opens one.
  await stepButton(page, en, 'useCase').focus();
  await page.keyboard.press('ArrowDown');
  await expect(stepButton(page, en, 'create')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(stepButton(page, en, 'credentials')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(heading(page, en, 'credentials')).toBeFocused();
  await expect(stepButton(page, en, 'credentials')).toHaveAttribute('aria-current', 'step');
  await page.keyboard.press('End');
  await expect(heading(page, en, 'credentials')).toBeFocused();

  // A later step before the profile exists says what is missing.
  await stepButton(page, en, 'rights').click();
  await expect(page.getByText(en['guide.needsProfile'])).toBeVisible();
  await page.getByRole('button', { name: en['guide.back'], exact: true }).click();
  await page.getByRole('button', { name: en['guide.back'], exact: true }).click();
  await expect(heading(page, en, 'credentials')).toBeFocused();

  await page.getByLabel(en['field.token'], { exact: true }).fill(user.secret);
  await page.getByLabel(en['field.secret'], { exact: true }).fill(user.token);
  await expect(page.locator('[data-error-code="credentials-swapped"]')).toHaveText(en['cred.swapped']);
  await page.getByRole('button', { name: en['guide.credentials.create'] }).click();
  await expect(heading(page, en, 'credentials')).toBeVisible();
  await enterCredentials(page, en, sandbox, user);

  await checkStep(page, en, 'connection', en['guide.connection.check']);
  await expect(finding(page, 'identity')).toBeVisible();
  await page.getByRole('button', { name: en['guide.next'] }).click();
  await checkStep(page, en, 'rights', en['guide.rights.check']);
  await expect(stepButton(page, en, 'rights')).toHaveAttribute('data-step-status', /passed|problem/);
  const before = sandbox.control.requestCount();
  await checkStep(page, en, 'rights', en['guide.rights.again']);
  expect(sandbox.control.requestCount() - before).toBeLessThanOrEqual(2);
  await page.getByRole('button', { name: en['guide.next'] }).click();

  // Step 6 by keyboard: the expected property ids typed, the check started with Enter; only publishing is asked.
  const estates = sandbox.control.tenant('healthy-website').estates;
  const shown = estates.find((e) => e.veroeffentlichen === '1' && e.status === 1);
  const unpublished = estates.find((e) => e.veroeffentlichen === '0' && e.status === 1);
  if (shown === undefined || unpublished === undefined) throw new Error('the sandbox has no published and unpublished active property');
  await expect(heading(page, en, 'publish')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(en['check.estates'], { exact: true })).toBeFocused();
  await page.keyboard.type(`${shown.Id}, ${unpublished.Id}`);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: en['guide.publish.check'], exact: true })).toBeFocused();
  const beforePublish = sandbox.control.requestCount();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('guide-result-publish')).toBeFocused();
  const asked = JSON.stringify(sandbox.control.requests().slice(-(sandbox.control.requestCount() - beforePublish)).map((r) => r.body));
  for (const other of ['checkuserrecordsright', 'emailInfo', '"log"']) expect(asked).not.toContain(other);
  await expect(finding(page, 'publish:estates')).toBeVisible();
  await expect(finding(page, `estate:${shown.Id}`)).not.toHaveAttribute('data-status', 'fail');
  const hidden = finding(page, `estate:${unpublished.Id}`);
  await expect(hidden).toHaveAttribute('data-status', 'fail');
  await expect(hidden).toContainText(en['finding.estates.property-id-does-not-show-on'].replace('{id}', String(unpublished.Id)));
  await expect(hidden.locator('.fix-title')).toHaveText(en['fix.where.enterprise']);
  await expect(hidden).toContainText(en['path.estate-publish']);
  await expect(stepButton(page, en, 'publish')).toHaveAttribute('data-step-status', 'problem');
  await expect(stepButton(page, en, 'publish')).toContainText(en['guide.status.problem']);
  await page.getByRole('button', { name: en['guide.next'] }).click();

  // Step 7, by keyboard too: not needed for a website, and one test mail goes out only with the tick for it.
  const identity = sandbox.control.tenant('healthy-website').mailboxes.find((m) => m.assignedUserIds.includes(user.userId))?.email ?? '';
  await expect(heading(page, en, 'mailbox')).toBeFocused();
  await expect(stepButton(page, en, 'mailbox')).toContainText(en['guide.status.notNeeded']);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(en['check.mail.identity'], { exact: true })).toBeFocused();
  await page.keyboard.type(identity);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(en['check.mail.receiver'], { exact: true })).toBeFocused();
  await page.keyboard.type('me@example.com');
  await page.keyboard.press('Tab');
  const consent = page.getByRole('checkbox', { name: en['guide.mailbox.consent'] });
  await expect(consent).toBeFocused();
  await expect(consent).not.toBeChecked();
  await page.keyboard.press('Space');
  await expect(consent).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: en['guide.mailbox.send'] })).toBeFocused();
  expect(sentMails(sandbox)).toBe(0);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('guide-result-mailbox')).toBeFocused();
  await expect(finding(page, 'mailbox')).toHaveAttribute('data-status', 'pass');
  await expect(finding(page, 'mailbox')).toContainText(en['finding.mailbox.test-mail-sent']);
  await expect(page.getByTestId('guide-mail-unverified')).toHaveCount(0);
  await expect(stepButton(page, en, 'mailbox')).toContainText(en['guide.status.passed']);
  await expect(consent).not.toBeChecked();
  expect(sentMails(sandbox)).toBe(1);
  // Sending again without a new tick sends nothing.
  await page.getByRole('button', { name: en['guide.mailbox.send'] }).click();
  await expect(page.getByText(en['guide.mailbox.consent.missing'])).toBeVisible();
  expect(sentMails(sandbox)).toBe(1);
  await page.getByRole('button', { name: en['guide.next'] }).click();

  // Step 8: the server log, then "Finish" back to the profiles.
  await expect(heading(page, en, 'log')).toBeFocused();
  await expect(page.getByText(en['guide.log.path'])).toBeVisible();
  await checkStep(page, en, 'log', en['guide.log.check']);
  await expect(finding(page, 'server-log')).toBeVisible();
  await expect(stepButton(page, en, 'log')).not.toHaveAttribute('data-step-status', 'notChecked');
  expect(await page.content()).not.toContain(user.secret);
  expect(await page.content()).not.toContain(user.token);
  await page.getByRole('button', { name: en['guide.finish'] }).click();
  await expect(page.getByRole('heading', { level: 1, name: en['profiles.title'] })).toBeVisible();
});
