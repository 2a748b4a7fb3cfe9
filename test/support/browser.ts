import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, which .ci/run installs with apt (or CHROMIUM_BIN). */
export const chromiumBin = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or null. Under CI they must: .ci/run installs Chromium. */
export function chromiumMissing(): string | null {
  if (existsSync(chromiumBin)) return null;
  return `no Chromium at ${chromiumBin} (apt-get install chromium, or set CHROMIUM_BIN)`;
}

/** Screenshots of each page, kept after the run as the test's artefacts. */
export const screenshotDir = path.resolve(__dirname, '..', '..', 'test-artifacts', 'screenshots');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumBin,
    // Root in CI has no user namespace for the sandbox; the closed network refuses Chromium's own
    // background connections, so they are turned off rather than left to fail at every start.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.1 A and AA rules). */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join('; ')}`);
}
