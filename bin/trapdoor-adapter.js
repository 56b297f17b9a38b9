#!/usr/bin/env node
// The trapdoor-adapter launcher: the bundled debug adapter over stdio, or `--server=PORT` for any DAP client.
require('../out/adapter.js');
