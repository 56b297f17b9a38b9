// The page every Trapdoor webview starts from: a strict Content-Security-Policy (no remote content, scripts only by
// nonce, styles and scripts only from the extension's media/), an empty root the page's script builds with
// textContent, and nothing else: guest data arrives later by postMessage, never in the HTML.
import { randomBytes } from 'node:crypto';

export interface PageParts {
  /** webview.cspSource: the origin the webview serves local resources from. */
  readonly cspSource: string;
  readonly nonce: string;
  /** webview.asWebviewUri() of the page's script and style sheet, as strings. */
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly title: string;
}

/** 128 random bits, base64: a fresh one per page. */
export const makeNonce = (): string => randomBytes(16).toString('base64');

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** For the few strings of our own the skeleton holds (title, URIs): escaped all the same. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export function pageHtml(p: PageParts): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(p.cspSource, p.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(p.styleUri)}">
<title>${escapeHtml(p.title)}</title>
</head>
<body>
<div id="root"></div>
<script nonce="${escapeHtml(p.nonce)}" src="${escapeHtml(p.scriptUri)}"></script>
</body>
</html>
`;
}
