#!/usr/bin/env node
// The trapdoor CLI launcher: runs the bundled CLI (build it first with `npm run build`).
require('../out/cli.js');
