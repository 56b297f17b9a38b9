// Turns a `trapdoor` launch configuration into a running machine: validates it, reads (or assembles) the program,
// loads a user's own hypervisor with the program as its guest, and gathers the program's symbols and line tables.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { assembleGuest, isAssemblySource } from '../machine/loaders/assembly';
import { Elf, ElfError } from '../machine/loaders/elf';
import { loadElf, LoadError } from '../machine/loaders/load';
import { RAM_BASE, Runner } from '../machine/runner';
import type { TrapRecord } from '../machine/traps';
import { LaunchArguments, validateLaunch } from './launchConfig';
import { ProgramInfo } from './programInfo';

/** A launch that cannot start, with a message that names the field at fault. */
export class LaunchFailure extends Error {}

export interface LaunchConsole {
  write(bytes: Uint8Array, stream: 'stdout' | 'stderr'): void;
  onTrap(record: TrapRecord): void;
}

export async function launchMachine(raw: Record<string, unknown>, console: LaunchConsole): Promise<{ runner: Runner; program: ProgramInfo; args: LaunchArguments }> {
  const checked = validateLaunch(raw ?? {});
  if (typeof checked === 'string') throw new LaunchFailure(checked);
  const args = checked;
  const cwd = args.cwd ?? dirname(resolve(args.program));
  const file = (field: string, path: string): Uint8Array => {
    try {
      return readFileSync(resolve(cwd, path));
    } catch (e) {
      throw new LaunchFailure(`"${field}": cannot read ${path}: ${(e as Error).message}`);
    }
  };
  const programPath = resolve(cwd, args.program);
  let image = file('program', args.program);
  if (isAssemblySource(programPath)) {
    try {
      image = assembleGuest(programPath, Buffer.from(image).toString('latin1'));
    } catch (e) {
      if (e instanceof LoadError) throw new LaunchFailure(`"program": ${programPath} ${e.message}`);
      throw e;
    }
  }
  const hypervisorPath = args.hypervisorProgram && resolve(cwd, args.hypervisorProgram);
  const hypervisorImage = args.hypervisorProgram ? file('hypervisor', args.hypervisorProgram) : undefined;
  let runner: Runner;
  try {
    runner = await Runner.create(hypervisorImage ?? image, {
      el: args.entryEl, memory: args.memoryBytes, root: cwd, cmdline: args.program, cpus: args.cpus, gic: args.gic,
      hypervisor: args.hypervisor, append: args.bootargs,
      dtb: args.dtb === undefined ? undefined : file('dtb', args.dtb),
      initrd: args.initrd === undefined ? undefined : file('initrd', args.initrd),
      console: { write: console.write, readByte: () => undefined },
      onTrap: console.onTrap,
    });
  } catch (e) {
    const field = hypervisorImage ? 'hypervisor' : 'program';
    if (e instanceof ElfError || e instanceof LoadError) throw new LaunchFailure(`"${field}": ${hypervisorImage ? args.hypervisorProgram : args.program}: ${e.message}`);
    throw new LaunchFailure(`cannot launch ${args.program}: ${(e as Error).message}`);
  }
  // Your own hypervisor's guest is loaded beside it by its program headers, as QEMU's `-device loader` does.
  if (hypervisorImage) {
    try {
      loadElf(new Elf(image), runner.core, { base: RAM_BASE, size: args.memoryBytes });
    } catch (e) {
      if (e instanceof ElfError || e instanceof LoadError) throw new LaunchFailure(`"program": ${args.program} (the guest of your hypervisor must be an ELF): ${e.message}`);
      throw e;
    }
  }
  const program = new ProgramInfo();
  try {
    if (hypervisorPath && hypervisorImage) program.addElf(hypervisorImage, hypervisorPath, 0n);
    program.addElf(image, programPath, 0n);
    for (const s of args.symbols) {
      if (!program.addElf(file('symbols', s.path), resolve(cwd, s.path), s.offset)) throw new LaunchFailure(`"symbols": ${s.path} is not an ELF file`);
    }
  } catch (e) {
    if (e instanceof ElfError) throw new LaunchFailure(`"symbols": ${e.message}`);
    throw e;
  }
  return { runner, program, args };
}
