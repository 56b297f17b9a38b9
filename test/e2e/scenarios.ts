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
    } finally {
      await wb.stopDebugging();
    }
  },
};

/** From the first stop to the vector breakpoint: what the views show there, then a step out to the guest. */
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

  const vars = await wb.variables(`Exception taken to EL${handlerEl}`);
  const esr = vars.find((v) => v.startsWith(`ESR_EL${handlerEl}`));
  log(`variables: ${esr}`);
  assert.match(esr ?? vars.join('\n'), new RegExp(`^ESR_EL${handlerEl}.*0x[0-9a-f]+.*EC 0x[0-9a-f]+ \\w`));
  await wb.screenshot('debug-2-vector');

  const panel = manifest.contributes.views?.debug?.find((v) => v.id === 'trapdoor.trapPanel');
  if (panel && handlerEl === 2) {
    const text = await wb.webviewText(panel.name, /write/i);
    log(`${panel.name}: ${text.split('\n').slice(0, 4).join(' / ')}`);
    assert.match(text, /pl011|uart/i);
    await wb.screenshot('debug-3-mmio-panel');
  } else {
    log(panel ? 'MMIO panel: skipped (no EL2 guest in this workspace)' : 'MMIO panel: not contributed yet');
  }

  await wb.toolbar('step-out');
  const after = await wb.callStack(new RegExp(`^EL${guestEl} · `));
  log(`after step out: ${after[0]}`);
  await wb.screenshot('debug-4-step-out');
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
