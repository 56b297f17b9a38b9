// The VS Code extension host side: the only code that imports `vscode`. Starts the AArch64 assembly language
// server, and wires the debugging UI: configurations, the MMIO trap panel, the stage-2 inspector, register pages.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { EVENT_SESSION_INFO, EVENT_STAGE2_FAULT, EVENT_TRAPS, type SessionInfoView, type Stage2FaultView, type TrapRecordView } from './contract';
import { DEBUG_TYPE } from './debugConfig';
import { DynamicConfigurations, InitialConfigurations } from './debugProvider';
import { RegisterPages } from './registerPanel';
import { Stage2Inspector } from './stage2View';
import { DisassemblyListings, TrapPanel } from './trapPanelView';

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): Promise<void> {
  const listings = new DisassemblyListings();
  const traps = new TrapPanel(context.extensionUri, listings);
  const stage2 = new Stage2Inspector(context.extensionUri);
  const registers = new RegisterPages(context.extensionUri);
  context.subscriptions.push(
    listings,
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new InitialConfigurations()),
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new DynamicConfigurations(), vscode.DebugConfigurationProviderTriggerKind.Dynamic),
    vscode.workspace.registerTextDocumentContentProvider(DisassemblyListings.scheme, listings),
    vscode.window.registerWebviewViewProvider(TrapPanel.viewId, traps),
    vscode.window.registerWebviewViewProvider(Stage2Inspector.viewId, stage2),
    vscode.commands.registerCommand('trapdoor.translateAddress', (address?: unknown) => stage2.translateCommand(typeof address === 'string' ? address : undefined)),
    vscode.commands.registerCommand('trapdoor.showRegister', (arg?: unknown) => registers.command(arg)),
    vscode.debug.onDidStartDebugSession((s) => {
      if (s.type !== DEBUG_TYPE) return;
      // The views appear with the first session and stay, so that its records can be read and exported after it ends.
      void vscode.commands.executeCommand('setContext', 'trapdoor.sessionSeen', true);
      traps.sessionStarted();
      stage2.sessionStarted();
      listings.clear();
    }),
    vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
      if (e.session.type !== DEBUG_TYPE) return;
      if (e.event === EVENT_TRAPS) traps.add(e.session, (e.body as { records?: TrapRecordView[] } | undefined)?.records ?? []);
      else if (e.event === EVENT_STAGE2_FAULT) stage2.showFault(e.body as Stage2FaultView);
      else if (e.event === EVENT_SESSION_INFO) traps.sessionInfo(e.body as SessionInfoView);
    }),
  );

  const serverModule = context.asAbsolutePath(path.join('out', 'server.js'));
  client = new LanguageClient('trapdoor-asm', 'Trapdoor AArch64 Assembly',
    {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc },
    },
    {
      documentSelector: [{ language: 'aarch64-asm' }], initializationOptions: { includeDirs: includeDirectories() },
      // New and deleted sources and headers: their labels, symbols and macros come and go in navigation.
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{S,s,asm,inc,h}') },
    });
  return client.start();
}

/** The setting's include directories, absolute (relative ones against the first workspace folder). */
function includeDirectories(): string[] {
  const dirs = vscode.workspace.getConfiguration('trapdoor.assembly').get<string[]>('includeDirectories') ?? [];
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return dirs.filter((d) => typeof d === 'string' && d !== '').map((d) => (path.isAbsolute(d) || !root ? d : path.join(root, d)));
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}
