// Sets a Trapdoor webview up: scripts on, resources only from media/ (the style sheet) and out/media/ (the bundled
// page scripts), and the CSP page skeleton of html.ts with a fresh nonce.
import * as vscode from 'vscode';
import { makeNonce, pageHtml } from './html';

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'out', 'media')],
  };
}

/** Fills `webview` with the page whose script is out/media/<script>.js. */
export function setupWebview(webview: vscode.Webview, extensionUri: vscode.Uri, script: string, title: string): void {
  webview.options = webviewOptions(extensionUri);
  webview.html = pageHtml({
    cspSource: webview.cspSource,
    nonce: makeNonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'out', 'media', `${script}.js`)).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'webview.css')).toString(),
    title,
  });
}

/** The active debug session when it is a Trapdoor one. */
export function trapdoorSession(): vscode.DebugSession | undefined {
  const s = vscode.debug.activeDebugSession;
  return s?.type === 'trapdoor' ? s : undefined;
}

/** A failed custom request's message, as the adapter's error response gives it. */
export const requestError = (e: unknown): string => (e instanceof Error ? e.message : String(e));
