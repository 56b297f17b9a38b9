// Arm semihosting (HLT #0xF000, AArch64 ABI: operation in W0, parameter block at X1, result in X0), served by
// the host. File access is confined to one directory; time comes from the instruction count, never the clock.
import { closeSync, existsSync, fstatSync, openSync, readSync, realpathSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

/** What the semihosting host needs from the machine: guest memory by virtual address, registers, time. */
export interface SemihostingGuest {
  readVirt(va: bigint, n: number): Uint8Array;
  writeVirt(va: bigint, bytes: Uint8Array): void;
  getX(n: number): bigint;
  setX(n: number, v: bigint): void;
  /** Instructions retired so far: the machine's clock. */
  readonly insnCount: bigint;
}

export interface Console {
  write(bytes: Uint8Array, stream: 'stdout' | 'stderr'): void;
  /** One byte of console input, or undefined at end of input. */
  readByte(): number | undefined;
}

/** The guest asked to stop: SYS_EXIT / SYS_EXIT_EXTENDED. */
export interface GuestExit {
  readonly reason: number;
  readonly subcode: bigint;
  /** The process exit status Trapdoor reports: subcode for ApplicationExit, 1 for any other reason. */
  readonly status: number;
}

export const enum SemihostingOp {
  Open = 0x01, Close = 0x02, WriteC = 0x03, Write0 = 0x04, Write = 0x05, Read = 0x06, ReadC = 0x07,
  IsError = 0x08, IsTty = 0x09, Seek = 0x0a, FLen = 0x0c, TmpNam = 0x0d, Remove = 0x0e, Rename = 0x0f,
  Clock = 0x10, Time = 0x11, System = 0x12, Errno = 0x13, GetCmdline = 0x15, HeapInfo = 0x16,
  Exit = 0x18, ExitExtended = 0x20, Elapsed = 0x30, TickFreq = 0x31,
}

const ADP_STOPPED_APPLICATION_EXIT = 0x20026;
/** Instructions per second of guest time (also the tick frequency SYS_TICKFREQ reports). */
export const INSTRUCTIONS_PER_SECOND = 1_000_000_000n;
const MINUS_ONE = (1n << 64n) - 1n;
const OPEN_FLAGS = ['r', 'r', 'r+', 'r+', 'w', 'w', 'w+', 'w+', 'a', 'a', 'a+', 'a+'];
const EACCES = 13, EBADF = 9, ENOENT = 2, EINVAL = 22;

interface OpenFile { fd?: number; pos: number; console?: 'stdin' | 'stdout' | 'stderr'; }

export interface SemihostingOptions {
  /** Files the guest opens are resolved against, and confined to, this directory. */
  readonly root: string;
  readonly cmdline: string;
  /** Heap and stack the guest is told about by SYS_HEAPINFO. */
  readonly heap: { base: bigint; limit: bigint; stackBase: bigint; stackLimit: bigint };
}

/** A semihosting argument points where the caller's translation regime has no mapping. */
export class SemihostingFault extends Error {
  constructor(readonly address: bigint) { super(`semihosting argument at 0x${address.toString(16)} is not mapped`); }
}

const EFAULT = 14;

export class Semihosting {
  private readonly files = new Map<number, OpenFile>();
  private nextHandle = 1;
  private errno = 0;
  private readonly root: string;

  constructor(private readonly guest: SemihostingGuest, private readonly console: Console, private readonly opts: SemihostingOptions) {
    this.root = realpathSync(opts.root);
  }

  /** Performs the call in W0/X1, writes X0, and returns the guest's exit request if it made one. */
  call(): GuestExit | undefined {
    const op = Number(this.guest.getX(0) & 0xffffffffn);
    const arg = this.guest.getX(1);
    let result: ReturnType<Semihosting['dispatch']>;
    try {
      result = this.dispatch(op, arg);
    } catch (e) {
      if (!(e instanceof SemihostingFault)) throw e;
      // As a host C library fails a call given a bad pointer: -1, with errno EFAULT for SYS_ERRNO.
      this.errno = EFAULT;
      result = -1n;
    }
    if (typeof result === 'object') return result;
    this.guest.setX(0, BigInt.asUintN(64, result));
    return undefined;
  }

  private word(block: bigint, i: number): bigint {
    return Buffer.from(this.guest.readVirt(block + BigInt(i * 8), 8)).readBigUInt64LE();
  }

  private cString(va: bigint, limit = 4096): string {
    const out: number[] = [];
    for (let i = 0; i < limit; i++) {
      const b = this.guest.readVirt(va + BigInt(i), 1)[0];
      if (b === 0) break;
      out.push(b);
    }
    return Buffer.from(out).toString('latin1');
  }

  private fail(errno: number): bigint {
    this.errno = errno;
    return MINUS_ONE;
  }

  /** A path inside the root, or undefined when it would escape it (symlinks included). */
  private confine(name: string): string | undefined {
    const p = resolve(this.root, name);
    let probe = p;
    while (!existsSync(probe)) probe = dirname(probe);
    const real = resolve(realpathSync(probe), relative(probe, p));
    const rel = relative(this.root, real);
    return rel.startsWith('..') || isAbsolute(rel) ? undefined : real;
  }

  private dispatch(op: number, arg: bigint): bigint | GuestExit {
    switch (op) {
      case SemihostingOp.Open: {
        const name = Buffer.from(this.guest.readVirt(this.word(arg, 0), Number(this.word(arg, 2)))).toString('latin1');
        const mode = Number(this.word(arg, 1));
        if (mode < 0 || mode > 11) return this.fail(EINVAL);
        const handle = this.nextHandle++;
        if (name === ':tt') {
          this.files.set(handle, { pos: 0, console: mode < 4 ? 'stdin' : mode < 8 ? 'stdout' : 'stderr' });
          return BigInt(handle);
        }
        const path = this.confine(name);
        if (!path) return this.fail(EACCES);
        try {
          this.files.set(handle, { pos: 0, fd: openSync(path, OPEN_FLAGS[mode]) });
          return BigInt(handle);
        } catch (e) {
          return this.fail((e as NodeJS.ErrnoException).code === 'ENOENT' ? ENOENT : EACCES);
        }
      }
      case SemihostingOp.Close: {
        const f = this.files.get(Number(this.word(arg, 0)));
        if (!f) return this.fail(EBADF);
        if (f.fd !== undefined) closeSync(f.fd);
        this.files.delete(Number(this.word(arg, 0)));
        return 0n;
      }
      case SemihostingOp.WriteC:
        this.console.write(this.guest.readVirt(arg, 1), 'stdout');
        return this.guest.getX(0);
      case SemihostingOp.Write0:
        this.console.write(Buffer.from(this.cString(arg, 1 << 20), 'latin1'), 'stdout');
        return this.guest.getX(0);
      case SemihostingOp.Write: {
        const f = this.files.get(Number(this.word(arg, 0)));
        const len = Number(this.word(arg, 2));
        if (!f || f.console === 'stdin') {
          this.errno = EBADF;
          return BigInt(len);
        }
        const data = this.guest.readVirt(this.word(arg, 1), len);
        if (f.console) this.console.write(data, f.console);
        else f.pos += writeSync(f.fd!, data, 0, data.length, f.pos);
        return 0n;
      }
      case SemihostingOp.Read: {
        const f = this.files.get(Number(this.word(arg, 0)));
        const len = Number(this.word(arg, 2));
        if (!f || (f.console && f.console !== 'stdin')) return this.fail(EBADF);
        const buf = new Uint8Array(len);
        let n = 0;
        if (f.console) {
          for (let b = this.console.readByte(); b !== undefined && n < len; b = n < len ? this.console.readByte() : undefined) {
            buf[n++] = b;
            if (b === 10) break;
          }
        } else {
          n = readSync(f.fd!, buf, 0, len, f.pos);
          f.pos += n;
        }
        this.guest.writeVirt(this.word(arg, 1), buf.subarray(0, n));
        return BigInt(len - n);
      }
      case SemihostingOp.ReadC:
        return BigInt(this.console.readByte() ?? 0xff);
      case SemihostingOp.IsError:
        return BigInt.asIntN(64, this.word(arg, 0)) < 0n ? 1n : 0n;
      case SemihostingOp.IsTty: {
        const f = this.files.get(Number(this.word(arg, 0)));
        return f?.console ? 1n : 0n;
      }
      case SemihostingOp.Seek: {
        const f = this.files.get(Number(this.word(arg, 0)));
        if (!f || f.fd === undefined) return this.fail(EBADF);
        f.pos = Number(this.word(arg, 1));
        return 0n;
      }
      case SemihostingOp.FLen: {
        const f = this.files.get(Number(this.word(arg, 0)));
        if (!f || f.fd === undefined) return this.fail(EBADF);
        return BigInt(fstatSync(f.fd).size);
      }
      case SemihostingOp.Remove: {
        const path = this.confine(Buffer.from(this.guest.readVirt(this.word(arg, 0), Number(this.word(arg, 1)))).toString('latin1'));
        if (!path) return this.fail(EACCES);
        try { unlinkSync(path); return 0n; } catch { return this.fail(ENOENT); }
      }
      case SemihostingOp.Rename: {
        const from = this.confine(Buffer.from(this.guest.readVirt(this.word(arg, 0), Number(this.word(arg, 1)))).toString('latin1'));
        const to = this.confine(Buffer.from(this.guest.readVirt(this.word(arg, 2), Number(this.word(arg, 3)))).toString('latin1'));
        if (!from || !to) return this.fail(EACCES);
        try { renameSync(from, to); return 0n; } catch { return this.fail(ENOENT); }
      }
      case SemihostingOp.Clock:
        return this.guest.insnCount * 100n / INSTRUCTIONS_PER_SECOND;
      case SemihostingOp.Time:
        return this.guest.insnCount / INSTRUCTIONS_PER_SECOND;
      case SemihostingOp.Elapsed: {
        const b = Buffer.alloc(8);
        b.writeBigUInt64LE(this.guest.insnCount);
        this.guest.writeVirt(arg, b);
        return 0n;
      }
      case SemihostingOp.TickFreq:
        return INSTRUCTIONS_PER_SECOND;
      case SemihostingOp.Errno:
        return BigInt(this.errno);
      case SemihostingOp.GetCmdline: {
        const cap = Number(this.word(arg, 1));
        const text = Buffer.from(this.opts.cmdline + '\0', 'latin1');
        if (text.length > cap) return MINUS_ONE;
        this.guest.writeVirt(this.word(arg, 0), text);
        const len = Buffer.alloc(8);
        len.writeBigUInt64LE(BigInt(text.length - 1));
        this.guest.writeVirt(arg + 8n, len);
        return 0n;
      }
      case SemihostingOp.HeapInfo: {
        const { base, limit, stackBase, stackLimit } = this.opts.heap;
        const b = Buffer.alloc(32);
        [base, limit, stackBase, stackLimit].forEach((v, i) => b.writeBigUInt64LE(v, i * 8));
        this.guest.writeVirt(this.word(arg, 0), b);
        return 0n;
      }
      case SemihostingOp.Exit:
      case SemihostingOp.ExitExtended: {
        const reason = Number(this.word(arg, 0));
        const subcode = this.word(arg, 1);
        return { reason, subcode, status: reason === ADP_STOPPED_APPLICATION_EXIT ? Number(subcode & 0xffn) : 1 };
      }
      case SemihostingOp.System:
      case SemihostingOp.TmpNam:
      default:
        return this.fail(EINVAL);
    }
  }
}
