// Writes the core's generated AssemblyScript (decoder, dispatch, system-register index) into DIR/generated,
// from the instruction and system-register tables. Run by scripts/build.mjs: node gen-core.js DIR
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emitAssemblyScriptDecoder } from '../src/arch/a64/decodeTree';
import { emitDispatch, findHandlers } from '../src/arch/a64/emitDispatch';
import { A64_ROWS } from '../src/arch/a64/table';
import { emitSysregAccess, emitSysregIndex } from '../src/arch/sysregs/emitCore';

const coreDir = process.argv[2];
const execDir = join(coreDir, 'exec');
const modules = new Map(readdirSync(execDir).filter((f) => f.endsWith('.ts'))
  .map((f) => [f.replace(/\.ts$/, ''), readFileSync(join(execDir, f), 'utf8')] as [string, string]));
mkdirSync(join(coreDir, 'generated'), { recursive: true });
writeFileSync(join(coreDir, 'generated/decoder.ts'), emitAssemblyScriptDecoder(A64_ROWS));
writeFileSync(join(coreDir, 'generated/dispatch.ts'), emitDispatch(A64_ROWS, findHandlers(modules)));
writeFileSync(join(coreDir, 'generated/sysregs.ts'), emitSysregIndex());
writeFileSync(join(coreDir, 'generated/sysregAccess.ts'), emitSysregAccess());
