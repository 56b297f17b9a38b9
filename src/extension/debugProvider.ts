// The `trapdoor` DebugConfigurationProvider: initial and dynamic configurations, F5 without launch.json on the
// active .S/.elf file, and a check after variable substitution that names what is wrong before the adapter starts.
import { statSync } from 'node:fs';
import * as vscode from 'vscode';
import { checkLaunch, configurationFor, dynamicConfigurations, initialConfigurations, isLaunchable, noProgramMessage, type TrapdoorConfiguration } from './debugConfig';

/** The file in the active editor tab, a text editor's or a binary (custom or unopenable) one's. */
function activeFile(): string | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const uri = input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri
    : vscode.window.activeTextEditor?.document.uri;
  return uri?.scheme === 'file' ? uri.fsPath : undefined;
}

function fileKind(path: string): 'file' | 'directory' | undefined {
  try {
    const s = statSync(path);
    return s.isDirectory() ? 'directory' : 'file';
  } catch {
    return undefined;
  }
}

export class InitialConfigurations implements vscode.DebugConfigurationProvider {
  provideDebugConfigurations(): vscode.DebugConfiguration[] { return initialConfigurations(); }

  resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): vscode.DebugConfiguration | undefined {
    // F5 with no launch.json (or an empty configuration): run the file in the active editor.
    if (!config.type && !config.request && !config.name) {
      const file = activeFile();
      if (!file || !isLaunchable(file)) {
        void vscode.window.showErrorMessage(noProgramMessage(file));
        return undefined;
      }
      return configurationFor(file);
    }
    return config;
  }

  async resolveDebugConfigurationWithSubstitutedVariables(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | null | undefined> {
    const base = folder?.uri.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const checked = checkLaunch(config as TrapdoorConfiguration, base, fileKind);
    if (checked.error === undefined) return checked.config as vscode.DebugConfiguration;
    const fix = 'Open launch.json';
    const choice = await vscode.window.showErrorMessage(`Trapdoor (${config.name}): ${checked.error}`, fix);
    // null tells VS Code to open launch.json; undefined just cancels.
    return choice === fix ? null : undefined;
  }
}

export class DynamicConfigurations implements vscode.DebugConfigurationProvider {
  async provideDebugConfigurations(): Promise<vscode.DebugConfiguration[]> {
    const found = await vscode.workspace.findFiles('**/*.{elf,axf,S,s}', '**/{node_modules,.git}/**', 50);
    return dynamicConfigurations(found.map((u) => u.fsPath));
  }
}
