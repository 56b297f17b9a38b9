// The `trapdoor` command line: `disasm` (objdump-style listing), `run` (execute a guest) and `as` (the built-in
// assembler).
import { ElfError } from '../machine/loaders/elf';
import { LoadError } from '../machine/loaders/load';
import { UsageError } from './args';
import { asCommand, AS_USAGE } from './asmCommand';
import { disasm, DISASM_USAGE } from './disasmCommand';
import { run, RUN_USAGE } from './runCommand';

const USAGE = `usage: ${DISASM_USAGE}\n       ${RUN_USAGE}\n       ${AS_USAGE}`;
/** Errors are one line: the short form points at --help. */
const SHORT_USAGE = 'usage: trapdoor disasm|run|as FILE [options] (trapdoor --help lists them)';

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'disasm': disasm(rest); return 0;
      case 'run': return await run(rest);
      case 'as': return asCommand(rest);
      case '-h': case '--help': console.log(USAGE); return 0;
      case undefined: throw new UsageError(SHORT_USAGE);
      default: throw new UsageError(`unknown command '${cmd}'; ${SHORT_USAGE}`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof ElfError || e instanceof LoadError) {
      console.error(`trapdoor: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
