// The VS Code extension host side: the only code that imports `vscode`. Starts the AArch64 assembly
// language server for .S/.s files.
import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('out', 'server.js'));
  client = new LanguageClient('trapdoor-asm', 'Trapdoor AArch64 Assembly',
    {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc },
    },
    { documentSelector: [{ language: 'aarch64-asm' }] });
  return client.start();
}

export function deactivate(): Promise<void> | undefined {
  return client?.stop();
}
