/**
 * Ways to reach the app's screens that the accessibility scan and the README screenshots share: the demo profiles,
 * a profile opened by its name, the theme, the guide's steps and an axe scan that names every violation it finds.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DE, expect } from './fixtures.ts';

export const text = (template: string, values: Record<string, string | number>): string => template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));

/** The label the app gives a demo profile of this sandbox scenario. */
export const demoLabel = (scenario: string): string => text(DE['demo.label'], { scenario: DE[`demo.scenario.${scenario}` as keyof typeof DE] });

export const GUIDE_STEPS = ['useCase', 'create', 'credentials', 'connection', 'rights', 'publish', 'mailbox', 'log'] as const;

const profileList = (page: Page) => page.getByRole('list', { name: DE['profiles.listLabel'] });

export async function go(page: Page, area: 'profiles' | 'checks' | 'fields' | 'journal' | 'settings'): Promise<void> {
  await page.getByRole('navigation', { name: DE['nav.label'] }).getByRole('button', { name: DE[`nav.${area}`], exact: true }).click();
}

/** The sandbox inside the app with one demo profile per scenario, from the empty profiles page. */
export async function startDemo(page: Page): Promise<void> {
  const start = page.getByRole('button', { name: DE['demo.start'] });
  await expect(start).toBeEnabled();
  await start.click();
  const removeButton = page.getByRole('button', { name: DE['demo.remove'] });
  // Either the demo is there or the app says why not (then the failure names it).
  await expect(removeButton.or(page.getByRole('alert'))).toBeVisible({ timeout: 30_000 });
  if (!(await removeButton.isVisible())) throw new Error(`the demo did not start: ${await page.getByRole('alert').first().innerText()}`);
  await expect(profileList(page).getByRole('listitem').first()).toBeVisible();
}

export async function openProfile(page: Page, label: string): Promise<void> {
  await go(page, 'profiles');
  await profileList(page).getByRole('button', { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).click();
  await expect(page.getByRole('heading', { name: label })).toBeVisible();
}

/** The guide for a profile, from its card on the profiles page. */
export async function openGuide(page: Page, label: string): Promise<void> {
  await go(page, 'profiles');
  await profileList(page).getByRole('listitem').filter({ hasText: label }).getByRole('button', { name: DE['profiles.continueSetup'] }).click();
  await expect(page.getByRole('heading', { level: 1, name: DE['guide.title'] })).toBeVisible();
}

export async function guideStep(page: Page, step: (typeof GUIDE_STEPS)[number]): Promise<void> {
  const name = DE[`guide.step.${step}` as keyof typeof DE];
  await page.getByRole('navigation', { name: DE['guide.steps'] }).getByRole('button', { name: new RegExp(name) }).click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
}

/** A guide step's own check, waiting until its result has taken the focus. */
export async function guideCheck(page: Page, step: string, button: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect(page.getByTestId(`guide-result-${step}`)).toBeFocused({ timeout: 30_000 });
}

export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await go(page, 'settings');
  await page.getByLabel(DE['settings.theme'], { exact: true }).selectOption(theme);
  await expect(page.locator('html')).toHaveClass(theme === 'dark' ? /\bdark\b/ : /theme-light/);
}

/** A check of the profile, run to its summary. */
export async function runCheck(page: Page, label: string): Promise<void> {
  await openProfile(page, label);
  await page.getByRole('button', { name: DE['profile.check'] }).click();
  await expect(page.getByRole('heading', { name: DE['check.title'], level: 1 })).toBeVisible();
  await page.getByRole('button', { name: DE['check.run'] }).click();
  await expect(page.getByTestId('check-summary')).toBeVisible({ timeout: 45_000 });
}

/** WCAG 2.1 A and AA plus axe's best practices: the rules the app holds itself to. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** The violations on the page as lines a person can act on: rule, impact, the elements and what is wrong. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact ?? 'n/a'}): ${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ') ?? v.help}`),
  );
}
