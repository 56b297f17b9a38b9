// Writes the AssemblyScript decoder generated from the instruction table (run by scripts/build.mjs).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { emitAssemblyScriptDecoder } from '../src/arch/a64/decodeTree';
import { A64_ROWS } from '../src/arch/a64/table';

const target = process.argv[2];
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, emitAssemblyScriptDecoder(A64_ROWS));
