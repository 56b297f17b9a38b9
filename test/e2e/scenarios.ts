// The end-to-end scenarios, written against the Workbench driver only, so that the code-server runner (main.ts)
// and the desktop VS Code runner (electron.ts) share them: debugging an exception in the example workspace, and the
// assembly language support.
import assert from 'node:assert/strict';
import { BAD_INSTRUCTION_FILE, BAD_INSTRUCTION_LINE, type DebugTarget } from './workspace';
import type { Workbench } from './workbench';

export interface ScenarioContext {
  target: DebugTarget;
  /** The installed extension's package.json (its views, for the MMIO panel). */
  manifest: { contributes: { views?: Record<string, { id: string; name: string }[]> } };
  log(line: string): void;
}

export interface Scenario {
  name: string;
  run(wb: Workbench, ctx: ScenarioContext): Promise<void>;
}

const debugging: Scenario = {
  name: 'debugging: a vector breakpoint stops with the EL chain, decoded ESR, the MMIO traps, and step out',
  async run(wb, { target, manifest, log }) {
    await wb.command('View: Show Run and Debug');
    await wb.addFunctionBreakpoint(target.breakpoint);
    await wb.startDebugging(target.config);
    try {
      await stopAtVector(wb, target, manifest, log);
    } catch (e) {
      // While the session still shows what went wrong.
      await wb.screenshot('debug-failure').catch(() => undefined);
      throw e;
    } finally {
      await wb.stopDebugging();
    }
  },
};

/** From the first stop to the vector breakpoint: what the views show there, a step out to the guest, and the MMIO
 * panel once the guest has written to its UART. */
async function stopAtVector(wb: Workbench, target: DebugTarget, manifest: ScenarioContext['manifest'],
  log: (line: string) => void): Promise<void> {
  const { handlerEl, guestEl } = target;
  let reason = await wb.stopReason();
  log(`first stop: ${reason}`);
  if (/entry/i.test(reason)) {
    await wb.screenshot('debug-1-entry');
    await wb.toolbar('continue');
    reason = await wb.stopReason(/breakpoint/i);
  }
  assert.match(reason, /breakpoint/i);

  const chain = await wb.callStack(new RegExp(`^EL${handlerEl} · `));
  log(`call stack: ${chain.join(' | ')}`);
  assert.ok(chain.some((f) => f.startsWith(`EL${guestEl} · `)), `no EL${guestEl} frame in ${chain.join(' | ')}`);

  const esr = await wb.variable(new RegExp(`^ESR_EL${handlerEl} `), `Exception taken to EL${handlerEl}`);
  log(`variables: ${esr}`);
  // Decoded: the value, then its exception class by number and name ("0x938a0005 (EC 0x24 Data Abort ...").
  assert.match(esr ?? '(no ESR row)', new RegExp(`^ESR_EL${handlerEl} = 0x[0-9a-f]+ .*EC 0x[0-9a-f]+ [A-Z][a-z]+`));
  await wb.screenshot('debug-2-vector');

  // The stage-2 inspector draws the fault that brought EL2 here: its IPA, and the walk that stopped at stage 2.
  const inspector = manifest.contributes.views?.debug?.find((v) => v.id === 'trapdoor.stage2');
  assert.ok(inspector, 'package.json contributes no trapdoor.stage2 view');
  const drawn = await wb.webviewText(inspector.name, (t) => /IPA\s+0x9000/.test(t) && /stage 2/i.test(t));
  wb.saveText('debug-2-stage2', drawn);
  await wb.widenSideBar(900);
  await wb.screenshot('debug-2-stage2');
  await wb.widenSideBar(350);

  await wb.toolbar('step-out');
  const back = await wb.callStack(new RegExp(`^EL${guestEl} · `));
  log(`after step out: ${back[0]}`);
  await wb.screenshot('debug-3-step-out');

  const panel = manifest.contributes.views?.debug?.find((v) => v.id === 'trapdoor.trapPanel');
  assert.ok(panel, 'package.json contributes no trapdoor.trapPanel view');
  // The first exit was the guest polling the UART's flag register (a read); its writes to the data register follow,
  // one exit each, recorded once the handler has returned to the guest. A row of the panel reads
  // "... pl011 write 8 0x67 w0 emulated" (its cells one per line in the text).
  const exits = (text: string) => Number(/(\d+) exits/.exec(text)?.[1] ?? 0);
  const uartWrite = /\bpl011\s+write\s+8\s+(0x[0-9a-f]+)\s+w\d+\s+emulated\b/;
  let text = await wb.webviewText(panel.name, (t) => exits(t) > 0);
  for (let i = 0; i < 4 && !uartWrite.test(text); i++) {
    const seen = exits(text);
    await wb.toolbar('continue');
    await wb.callStack(new RegExp(`^EL${handlerEl} · `));
    await wb.toolbar('step-out');
    await wb.callStack(new RegExp(`^EL${guestEl} · `));
    text = await wb.webviewText(panel.name, (t) => exits(t) > seen);
  }
  wb.saveText('debug-4-mmio-panel', text);
  const written = [...text.matchAll(new RegExp(uartWrite, 'g'))].map((m) => String.fromCharCode(Number(m[1])));
  log(`${panel.name}: ${exits(text)} exits, UART writes ${JSON.stringify(written.join(''))}`);
  assert.match(text, uartWrite);
  await wb.widenSideBar(1350);
  await wb.screenshot('debug-4-mmio-panel');
  await wb.widenSideBar(350);
}

const language: Scenario = {
  name: 'assembly: highlighting, a system register hover, and a diagnostic on a bad instruction',
  async run(wb, { log }) {
    const editor = await wb.openFile('hello/hello.S');
    const colours = await wb.tokenColours(editor);
    log(`hello.S: ${colours.size} token colours`);
    assert.ok(colours.size >= 4, `expected highlighting, saw colours ${[...colours].join(', ')}`);

    const register = wb.token(editor, 'vbar_el1');
    const scopes = await wb.inspectTokenScopes(register);
    log(`scopes at vbar_el1: ${scopes.replace(/\s+/g, ' ').slice(0, 160)}`);
    assert.match(scopes, /support\.variable\.sysreg\.aarch64/);
    assert.match(scopes, /source\.asm\.aarch64/);
    await wb.screenshot('language-1-scopes');

    const hover = await wb.hover(register);
    log(`hover on vbar_el1: ${hover.replace(/\s+/g, ' ').slice(0, 160)}`);
    assert.match(hover, /VBAR_EL1/);
    assert.match(hover, /Vector base/i);
    await wb.screenshot('language-2-hover');

    await wb.openFile(BAD_INSTRUCTION_FILE);
    const problems = await wb.problems(new RegExp(`Ln ${BAD_INSTRUCTION_LINE}\\b`));
    log(`problems: ${problems.join(' | ')}`);
    assert.ok(problems.some((p) => p.includes(`Ln ${BAD_INSTRUCTION_LINE}`)));
    await wb.screenshot('language-3-problems');
  },
};

export const SCENARIOS: readonly Scenario[] = [debugging, language];
