import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startServe, stop } from '../support/cli.js';
import { tempDataDir } from '../support/test-ledger.js';

/** Debian's Chromium: never a browser downloaded by Playwright (nothing can be downloaded here). */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, and quiet: no network of its own, no first-run, no component or sync traffic. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Screenshots a person can look at after the run (gitignored). */
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts');

/** Why the browser tests cannot run on this machine, if they cannot. */
export function browserSkipReason(): string | undefined {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing (Debian's chromium package; .ci/run installs it when it can)`;
  return undefined;
}

/**
 * A fresh browser profile per run. Playwright refuses `--user-data-dir` among the
 * arguments; a persistent context on a new temporary directory is the same thing.
 */
export async function openBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'deal-ledger-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(20_000);
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A ledger and a browser tab on it, for one suite. */
export interface LedgerInBrowser {
  ledger: Awaited<ReturnType<typeof startServe>>;
  page: Page;
  /** The ledger's data directory. */
  dataDir: string;
  /** Errors the page threw: a suite expects none. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** `ledger serve` on a fresh data directory with these API keys (`LEDGER_API_KEYS`), and a tab in a fresh browser. */
export async function ledgerInBrowser(apiKeys: string): Promise<LedgerInBrowser> {
  const data = tempDataDir();
  let ledger: LedgerInBrowser['ledger'] | undefined;
  let browser: Awaited<ReturnType<typeof openBrowser>> | undefined;
  const close = async () => {
    await browser?.close();
    if (ledger) await stop(ledger.child);
    data.remove();
  };
  try {
    ledger = await startServe({ LEDGER_DATA_DIR: data.dir, LEDGER_API_KEYS: apiKeys });
    browser = await openBrowser();
    const page = await browser.context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return { ledger, page, dataDir: data.dir, pageErrors, close };
  } catch (error) {
    await close();
    throw error;
  }
}
