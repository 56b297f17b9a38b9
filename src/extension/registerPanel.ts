// "Trapdoor: Show System Register…": a page per register (webview panel) with its description and fields, decoded
// from the current value by `trapdoor/registerInfo` while a session is stopped, else from the system-register table.
import * as vscode from 'vscode';
import { SYSREGS, sysRegByName } from '../arch/sysregs/table';
import { REQUEST_REGISTER_INFO, type RegisterInfoView } from './contract';
import { registerInfoFromTable } from './registerInfo';
import type { RegisterIn, RegisterOut } from './webview/messages';
import { requestError, setupWebview, trapdoorSession } from './webviewHost';

/** What VS Code passes a debug/variables/context command: the variable, and the scope or variable holding it. */
interface VariablesContext {
  readonly variable?: { readonly name?: string };
  readonly container?: { readonly name?: string };
}

/** The register a Variables entry stands for: the variable itself (ESR_EL2) or, for a field (EC), its register. */
export function registerNameFrom(arg: unknown): string | undefined {
  if (typeof arg === 'string') return sysRegByName(arg.trim())?.name;
  const ctx = arg as VariablesContext | undefined;
  for (const n of [ctx?.variable?.name, ctx?.container?.name]) {
    const reg = typeof n === 'string' ? sysRegByName(n.trim().split(/\s/)[0]) : undefined;
    if (reg) return reg.name;
  }
  return undefined;
}

export class RegisterPages {
  private readonly panels = new Map<string, vscode.WebviewPanel>();

  constructor(private readonly extensionUri: vscode.Uri) {}

  async command(arg?: unknown): Promise<void> {
    let name = registerNameFrom(arg);
    if (arg !== undefined && name === undefined) {
      const shown = typeof arg === 'string' ? arg : (arg as VariablesContext).variable?.name;
      void vscode.window.showWarningMessage(`Trapdoor: ${shown ?? 'this entry'} is not a system register.`);
      return;
    }
    name ??= (await vscode.window.showQuickPick(
      SYSREGS.filter((r) => !r.absent).map((r) => ({ label: r.name, detail: r.doc })),
      { title: 'Trapdoor: Show System Register', placeHolder: 'ESR_EL2', matchOnDetail: true },
    ))?.label;
    if (name) await this.show(name);
  }

  private async show(name: string): Promise<void> {
    const open = this.panels.get(name);
    if (open) {
      open.reveal();
      await this.load(open, name);
      return;
    }
    // A new page asks for its register once its script runs ('ready'), and again on 'refresh'.
    const panel = vscode.window.createWebviewPanel('trapdoor.register', name, vscode.ViewColumn.Beside, { enableFindWidget: true });
    setupWebview(panel.webview, this.extensionUri, 'register', name);
    this.panels.set(name, panel);
    panel.onDidDispose(() => this.panels.delete(name));
    panel.webview.onDidReceiveMessage((_m: RegisterOut) => { void this.load(panel, name); });
  }

  /** Asks the adapter when a Trapdoor session is there (values only while stopped), else reads the table. */
  private async load(panel: vscode.WebviewPanel, name: string): Promise<void> {
    const session = trapdoorSession();
    let info: RegisterInfoView | undefined;
    if (session) {
      try {
        info = await session.customRequest(REQUEST_REGISTER_INFO, { name }) as RegisterInfoView;
      } catch (e) {
        vscode.window.setStatusBarMessage(`Trapdoor: ${name}: ${requestError(e)}`, 5000);
      }
    }
    info ??= registerInfoFromTable(sysRegByName(name)!);
    const m: RegisterIn = { type: 'register', info, stopped: session !== undefined };
    void panel.webview.postMessage(m);
  }
}
