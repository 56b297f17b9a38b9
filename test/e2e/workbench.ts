// Drives the VS Code workbench through its DOM with Playwright, the way a person uses it: the command palette,
// Quick Open, the Run and Debug views, hovers and the Problems panel. The same page exists in code-server (a
// browser) and in desktop VS Code (Electron, reached over CDP), so the scenarios run unchanged on both.
import { mkdirSync, writeFileSync } from 'node:fs';
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

  /** Saves text the test read (a view's content) beside the screenshots. */
  saveText(name: string, text: string): void {
    writeFileSync(join(this.artifacts, `${name}.txt`), text);
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
    await this.accept(row, label);
  }

  /** Accepts a Quick Pick row: Enter when it is the focused one (the list re-renders while it filters, which a
   * click can miss), else a click. */
  private async accept(row: Locator, label: string): Promise<void> {
    const focused = this.quickInput.locator('.monaco-list-row.focused').first();
    if ((await focused.count()) > 0 && (await focused.innerText()).includes(label)) await this.page.keyboard.press('Enter');
    else await row.click({ force: true });
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
    const text = await widget.innerText();
    await this.page.keyboard.press('Escape');
    return text;
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
    return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  // ---- Debugging ----

  async startDebugging(config: string): Promise<void> {
    // Quick Open's "debug " prefix lists the launch configurations, once the extension host has registered the
    // debugger's contribution: until then it says "No matching launch configurations", so ask again.
    const row = this.quickInput.locator('.monaco-list-row', { hasText: config }).first();
    for (const deadline = Date.now() + 2 * TIMEOUT; ;) {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('Control+P');
      const input = this.quickInput.locator('input.input');
      await input.waitFor({ timeout: TIMEOUT });
      await input.fill(`debug ${config}`);
      try {
        await row.waitFor({ timeout: 3000 });
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
      }
    }
    await this.accept(row, config);
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

  /** Presses a button of the debug toolbar by its icon (continue, step-out, ...). */
  async toolbar(action: 'continue' | 'step-over' | 'step-into' | 'step-out' | 'pause'): Promise<void> {
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

  /** The first row of the Variables view matching `find` ("NAME = VALUE"), looked for in the scopes VS Code
   * expands at a stop, then in the scope named `scope` after expanding it. */
  async variable(find: RegExp, scope: string): Promise<string | undefined> {
    const rows = this.page.locator('.debug-variables .monaco-list-row');
    await rows.first().waitFor({ timeout: TIMEOUT });
    await this.page.waitForTimeout(500);
    const texts = async () => (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    let found = (await texts()).find((t) => find.test(t));
    const header = rows.filter({ hasText: scope }).first();
    if (!found && (await header.count()) > 0 && (await header.getAttribute('aria-expanded')) === 'false') {
      await header.click();
      await this.page.waitForTimeout(500);
      found = (await texts()).find((t) => find.test(t));
    }
    return found;
  }

  /** Drags the side bar's edge so that its views are `width` pixels wide (for readable screenshots of tables). */
  async widenSideBar(width: number): Promise<void> {
    const bar = (await this.page.locator('.part.sidebar').boundingBox())!;
    const y = bar.y + bar.height / 2;
    await this.page.mouse.move(bar.x + bar.width - 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(bar.x + width, y, { steps: 5 });
    await this.page.mouse.up();
  }

  /** The text of a webview view, opened by its focus command, once it satisfies `expect`: its content lives in
   * nested iframes, so the frame is found by what it shows. */
  async webviewText(viewName: string, expect: (text: string) => boolean): Promise<string> {
    await this.command(`Focus on ${viewName} View`);
    for (const deadline = Date.now() + TIMEOUT; Date.now() < deadline; await this.page.waitForTimeout(500)) {
      for (const frame of this.page.frames().filter((f) => f !== this.page.mainFrame())) {
        const text = await frame.locator('body').innerText({ timeout: 1000 }).catch(() => '');
        if (expect(text)) return text;
      }
    }
    throw new Error(`no webview of ${viewName} shows what was expected`);
  }
}
