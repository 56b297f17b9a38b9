#!/usr/bin/env bash
# Vendored from the workplace tool ../shared/tools/install-code-server.sh, so that a clone alone can run test:e2e.
# Installs code-server (a real VS Code, served to a browser) into DIR without any download from
# outside the npm registry and Debian's packages. Use it for end-to-end tests of the extension in
# headless Chromium (Debian's chromium + playwright-core with executablePath /usr/bin/chromium).
#   usage: install-code-server.sh DIR        then: node DIR/node_modules/code-server/out/node/entry.js \
#            --auth none --bind-addr 127.0.0.1:PORT --disable-telemetry \
#            --user-data-dir UD --extensions-dir EXT  WORKSPACE
# code-server 4.99.3 is the last release that runs on Node 20. Its own postinstall fetches ripgrep
# from GitHub, which cannot work here, so the same steps are done by hand with Debian's ripgrep.
set -euo pipefail
dir=${1:?usage: install-code-server.sh DIR}
export DEBIAN_FRONTEND=noninteractive
if ! dpkg -s libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep pkg-config >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep pkg-config >/dev/null
fi
mkdir -p "$dir" && cd "$dir"
[ -f package.json ] || echo '{"private":true}' > package.json
npm install --ignore-scripts --no-audit --no-fund code-server@4.99.3 >/dev/null
npm rebuild argon2 --build-from-source >/dev/null
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null
for m in @parcel/watcher @vscode/deviceid @vscode/spdlog kerberos native-watchdog node-pty; do
  (cd "node_modules/$m" && npx --yes node-gyp rebuild >/dev/null 2>&1) || { echo "node-gyp failed for $m" >&2; exit 1; }
done
mkdir -p node_modules/@vscode/ripgrep/bin && cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null)
echo "code-server installed in $dir"
