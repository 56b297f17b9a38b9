// Entry of the debug adapter process (out/adapter.js, the `trapdoor-adapter` command): one Trapdoor session over
// stdio, or with --server=PORT a TCP server giving each connecting DAP client (nvim-dap, Emacs dap-mode) its own.
import { DebugSession } from '@vscode/debugadapter';
import { createServer } from 'node:net';
import { TrapdoorSession } from './session';

const server = process.argv.slice(2).find((a) => a.startsWith('--server'));
if (server === undefined) {
  DebugSession.run(TrapdoorSession);
} else {
  const port = Number(/^--server=([0-9]+)$/.exec(server)?.[1] ?? NaN);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`trapdoor-adapter: --server=PORT needs a port number from 0 to 65535, not "${server}"\n`);
    process.exit(2);
  }
  const tcp = createServer((socket) => {
    const session = new TrapdoorSession();
    session.setRunAsServer(true);
    session.start(socket, socket);
    socket.on('error', () => socket.destroy());
  });
  tcp.on('error', (e) => {
    process.stderr.write(`trapdoor-adapter: cannot listen on port ${port}: ${e.message}\n`);
    process.exit(2);
  });
  // The port actually bound (with --server=0, a free one) on stdout, for scripts that start the server.
  tcp.listen(port, '127.0.0.1', () => {
    const address = tcp.address();
    process.stdout.write(`trapdoor-adapter listening on 127.0.0.1:${typeof address === 'object' && address ? address.port : port}\n`);
  });
}
