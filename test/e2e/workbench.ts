// Drives the VS Code workbench through its DOM with Playwright, the way a person uses it: the command palette,
// Quick Open, the Run and Debug views, hovers and the Problems panel. The same page exists in code-server (a
// browser) and in desktop VS Code (Electron, reached over CDP), so the scenarios run unchanged on both.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

const TIMEOUT = 30_000;

export class Workbench {
  constructor(readonly page: Page, private readonly artifacts: string) {
    mkdirSync(artifacts, { recursive: true });
  }

  async ready(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    // The explorer shows the workspace once the window has restored its folder.
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
  }

  async screenshot(name: string): Promise<string> {
    const file = join(this.artifacts, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  private get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Runs a command by its title from the command palette. */
  async command(title: string): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('F1');
    const input = this.quickInput.locator('input.input');
    await input.waitFor({ timeout: TIMEOUT });
    await input.fill(`>${title}`);
    // The palette shows some commands without their category ("Debug: Add Function Breakpoint" as "Add Function
    // Breakpoint"): match the label with or without it.
    const label = title.replace(/^[^:]+: /, '');
    const row = this.quickInput.locator('.monaco-list-row', { hasText: label }).first();
    await row.waitFor({ timeout: TIMEOUT });
    await row.click();
  }

  /** Picks an entry of the Quick Pick currently open. */
  async pick(label: string): Promise<void> {
    const row = this.quickInput.locator('.monaco-list-row', { hasText: label }).first();
    await row.waitFor({ timeout: TIMEOUT });
    await row.click();
  }

  /** Opens a workspace file with Quick Open and waits for its editor. */
  async openFile(relative: string): Promise<Locator> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Control+P');
    const input = this.quickInput.locator('input.input');
    await input.waitFor({ timeout: TIMEOUT });
    await input.fill(relative);
    const name = relative.split('/').pop()!;
    await this.quickInput.locator('.monaco-list-row', { hasText: name }).first().waitFor({ timeout: TIMEOUT });
    await this.page.keyboard.press('Enter');
    const tab = this.page.locator('.tabs-container .tab.active', { hasText: name });
    await tab.waitFor({ timeout: TIMEOUT });
    const editor = this.page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-line').first().waitFor({ timeout: TIMEOUT });
    return editor;
  }

  /** The span of the editor's visible text that reads exactly `text`. */
  token(editor: Locator, text: string): Locator {
    return editor.locator('.view-line span span', { hasText: new RegExp(`^${text}$`) }).first();
  }

  /** The distinct colours of the visible text: one colour means no highlighting. */
  async tokenColours(editor: Locator): Promise<Set<string>> {
    await editor.locator('.view-line span span').first().waitFor({ timeout: TIMEOUT });
    // The grammar is applied asynchronously after the first paint.
    await this.page.waitForTimeout(1000);
    return new Set(await editor.locator('.view-line span span').evaluateAll((spans) =>
      spans.filter((s) => (s.textContent ?? '').trim() !== '').map((s) => getComputedStyle(s).color)));
  }

  /** Places the cursor on a token and returns the text of "Developer: Inspect Editor Tokens and Scopes". */
  async inspectTokenScopes(token: Locator): Promise<string> {
    await token.click();
    await this.command('Developer: Inspect Editor Tokens and Scopes');
    const widget = this.page.locator('.token-inspect-widget');
    await widget.waitFor({ timeout: TIMEOUT });
    await this.page.waitForFunction(() => /textmate scopes/i.test(document.querySelector('.token-inspect-widget')?.textContent ?? ''),
      undefined, { timeout: TIMEOUT });
    return widget.innerText();
  }

  /** Hovers over a token and returns the hover widget's text. */
  async hover(token: Locator): Promise<string> {
    const hover = this.page.locator('.monaco-editor .monaco-hover:not(.hidden) .monaco-hover-content').first();
    for (let attempt = 0; attempt < 3; attempt++) {
      const box = (await token.boundingBox())!;
      await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      try {
        await hover.waitFor({ state: 'visible', timeout: 5_000 });
        return (await hover.innerText()).trim();
      } catch {
        await this.page.mouse.move(0, 0);
      }
    }
    throw new Error('no hover appeared');
  }

  /** Rows of the Problems panel. */
  async problems(expect: RegExp): Promise<string[]> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Control+Shift+M');
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: expect }).first().waitFor({ timeout: TIMEOUT });
    return rows.allInnerTexts();
  }

  // ---- Debugging ----

  async startDebugging(config: string): Promise<void> {
    // Quick Open's "debug " prefix lists the launch configurations.
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Control+P');
    const input = this.quickInput.locator('input.input');
    await input.waitFor({ timeout: TIMEOUT });
    await input.fill(`debug ${config}`);
    await this.pick(config);
    await this.page.locator('.debug-toolbar').waitFor({ timeout: TIMEOUT });
  }

  async addFunctionBreakpoint(name: string): Promise<void> {
    await this.command('Debug: Add Function Breakpoint');
    const input = this.page.locator('.debug-breakpoints .monaco-inputbox input').first();
    await input.waitFor({ timeout: TIMEOUT });
    await input.fill(name);
    await input.press('Enter');
    await this.page.locator('.debug-breakpoints .monaco-list-row', { hasText: name }).first().waitFor({ timeout: TIMEOUT });
  }

  /** Ends the debug session if one is running (Shift+F5 does nothing otherwise). */
  async stopDebugging(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Shift+F5');
    await this.page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: TIMEOUT });
  }

  /** Presses a button of the debug toolbar by its icon (continue, step-out, stop, ...). */
  async toolbar(action: 'continue' | 'step-over' | 'step-into' | 'step-out' | 'stop' | 'pause'): Promise<void> {
    const button = this.page.locator(`.debug-toolbar .action-label.codicon-debug-${action}`);
    await button.waitFor({ timeout: TIMEOUT });
    await button.click();
  }

  /** Waits for the debuggee to be paused (matching `expect`) and returns the state the Call Stack view shows. */
  async stopReason(expect = /paused/i): Promise<string> {
    // One thread shows its state in the view's title, several show it on each thread's row.
    const state = '.call-stack-state-message, .debug-call-stack .state.label';
    await this.page.waitForFunction(([selector, source, flags]) => [...document.querySelectorAll(selector)]
      .some((e) => /paused/i.test(e.textContent ?? '') && new RegExp(source, flags).test(e.textContent ?? '')),
    [state, expect.source, expect.flags] as const, { timeout: TIMEOUT });
    const states = await this.page.locator(state).allInnerTexts();
    return states.find((s) => /paused/i.test(s))!.trim();
  }

  /** Waits until the call stack's top frame matches, and returns every frame's label. */
  async callStack(top: RegExp): Promise<string[]> {
    const frames = this.page.locator('.debug-call-stack .monaco-list-row .stack-frame');
    await this.page.waitForFunction(([source, flags]) => {
      const first = document.querySelector('.debug-call-stack .monaco-list-row .stack-frame');
      return first !== null && new RegExp(source, flags).test(first.textContent ?? '');
    }, [top.source, top.flags] as const, { timeout: TIMEOUT });
    return (await frames.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** The visible rows of the Variables view (name and value), after expanding the scope or variable named `expand`. */
  async variables(expand?: string): Promise<string[]> {
    const rows = this.page.locator('.debug-variables .monaco-list-row');
    await rows.first().waitFor({ timeout: TIMEOUT });
    if (expand) {
      const row = rows.filter({ hasText: expand }).first();
      await row.waitFor({ timeout: TIMEOUT });
      if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
      await this.page.waitForTimeout(500);
    }
    return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** The text of a webview view in the Run and Debug container (its content lives in nested iframes). */
  async webviewText(viewName: string, expect: RegExp): Promise<string> {
    const header = this.page.locator('.pane-header', { hasText: viewName }).first();
    await header.waitFor({ timeout: TIMEOUT });
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    const body = this.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame').locator('body');
    await body.filter({ hasText: expect }).waitFor({ timeout: TIMEOUT });
    return body.innerText();
  }
}
