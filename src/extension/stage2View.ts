// The stage-2 inspector on the host side: keeps the latest `trapdoor/stage2Fault` and the last translation, feeds
// them to the webview view, and runs "Trapdoor: Translate Address…" (address, regime, access → `trapdoor/translate`).
import * as vscode from 'vscode';
import { REQUEST_TRANSLATE, type Stage2FaultView, type TranslationView } from './contract';
import { parseAddress } from './trapTable';
import type { Stage2In, Stage2Out } from './webview/messages';
import { requestError, setupWebview, trapdoorSession } from './webviewHost';

const REGIMES: readonly (vscode.QuickPickItem & { regime: string })[] = [
  { label: 'Current', description: 'the regime the selected vCPU is in now', regime: 'current' },
  { label: 'EL1&0', description: 'stage 1 of EL1/EL0, then stage 2 when HCR_EL2.VM is set', regime: 'el10' },
  { label: 'EL2&0', description: 'EL2 with HCR_EL2.E2H set (VHE)', regime: 'el20' },
  { label: 'EL2', description: 'EL2 without VHE', regime: 'el2' },
  { label: 'EL3', description: 'EL3', regime: 'el3' },
];

const ACCESSES: readonly (vscode.QuickPickItem & { access: 'read' | 'write' | 'fetch' })[] = [
  { label: 'read', access: 'read' }, { label: 'write', access: 'write' }, { label: 'fetch', description: 'instruction fetch', access: 'fetch' },
];

const FAULT_REDRAW_MS = 100;

export class Stage2Inspector implements vscode.WebviewViewProvider {
  static readonly viewId = 'trapdoor.stage2';
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private fault: Stage2FaultView | undefined;
  private translation: { translation: TranslationView; access: string } | undefined;
  private faultTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    setupWebview(view.webview, this.extensionUri, 'stage2', 'Stage-2 Inspector');
    view.webview.onDidReceiveMessage((m: Stage2Out) => {
      if (m.type === 'ready') { this.ready = true; this.sendAll(); } else void vscode.commands.executeCommand('trapdoor.translateAddress');
    });
    view.onDidDispose(() => { this.view = undefined; this.ready = false; });
  }

  sessionStarted(): void {
    this.fault = undefined;
    this.translation = undefined;
    this.post({ type: 'clear' });
  }

  /** Under the built-in hypervisor every device access is a stage-2 fault: the page redraws at most every 100 ms. */
  showFault(fault: Stage2FaultView): void {
    this.fault = fault;
    this.faultTimer ??= setTimeout(() => {
      this.faultTimer = undefined;
      if (this.fault) this.post({ type: 'fault', fault: this.fault });
    }, FAULT_REDRAW_MS);
  }

  /** The command: asks for an address, a regime and an access, and shows the walk. */
  async translateCommand(address?: string): Promise<void> {
    const session = trapdoorSession();
    if (!session) { void vscode.window.showErrorMessage('Trapdoor: Translate Address needs a running Trapdoor debug session.'); return; }
    const text = address ?? await vscode.window.showInputBox({
      title: 'Trapdoor: Translate Address', prompt: 'Virtual address (hex)', placeHolder: '0xffff000008010000',
      value: this.fault?.va, validateInput: (v) => (parseAddress(v) === undefined ? 'A hex address, such as 0x40080000' : undefined),
    });
    if (text === undefined) return;
    const va = parseAddress(text);
    if (va === undefined) { void vscode.window.showErrorMessage(`Trapdoor: "${text}" is not a hex address.`); return; }
    const regime = await vscode.window.showQuickPick(REGIMES, { title: 'Translation regime' });
    if (!regime) return;
    const access = await vscode.window.showQuickPick(ACCESSES, { title: 'Access' });
    if (!access) return;
    try {
      const body = await session.customRequest(REQUEST_TRANSLATE, { address: `0x${va.toString(16)}`, regime: regime.regime, access: access.access }) as TranslationView;
      this.translation = { translation: body, access: access.access };
      await vscode.commands.executeCommand(`${Stage2Inspector.viewId}.focus`);
      this.post({ type: 'translation', ...this.translation });
    } catch (e) {
      void vscode.window.showErrorMessage(`Trapdoor: cannot translate 0x${va.toString(16)}: ${requestError(e)}`);
    }
  }

  private sendAll(): void {
    this.post({ type: 'clear' });
    if (this.fault) this.post({ type: 'fault', fault: this.fault });
    if (this.translation) this.post({ type: 'translation', ...this.translation });
  }

  private post(m: Stage2In): void {
    if (this.view && this.ready) void this.view.webview.postMessage(m);
  }
}
