// Flattened device tree (devicetree specification v0.4, chapter 5): a writer, a validating reader, and
// virtDtb(), the tree QEMU's `virt` machine (hw/arm/virt.c, QEMU 7.2) generates for the same options.
//
// Binding (lead): `writeDtb(virtDtb(config))` gives the blob to place in RAM (address from loadKernel()); a user's
// `--dtb FILE` goes through `readDtb()` first so that a malformed blob is a clear DtbError, never a crash.

export class DtbError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`malformed DTB at offset 0x${offset.toString(16)}: ${message}`);
  }
}

export interface DtProp { readonly name: string; readonly value: Uint8Array }
export interface DtNode { readonly name: string; readonly props: DtProp[]; readonly children: DtNode[] }
export interface DtReservation { readonly address: bigint; readonly size: bigint }
export interface Dtb { readonly root: DtNode; readonly bootCpuidPhys: number; readonly reservations: DtReservation[] }

const FDT_MAGIC = 0xd00dfeed, FDT_BEGIN_NODE = 1, FDT_END_NODE = 2, FDT_PROP = 3, FDT_NOP = 4, FDT_END = 9;
const HEADER_SIZE = 40, VERSION = 17, LAST_COMP_VERSION = 16;

// Property value builders (big-endian cells, NUL-terminated strings).
export const cells = (...values: number[]): Uint8Array => {
  const b = new Uint8Array(values.length * 4);
  values.forEach((v, i) => new DataView(b.buffer).setUint32(i * 4, v >>> 0));
  return b;
};
/** 64-bit values as two cells each (#address-cells = #size-cells = 2). */
export const cells64 = (...values: bigint[]): Uint8Array =>
  cells(...values.flatMap((v) => [Number(BigInt.asUintN(64, v) >> 32n), Number(v & 0xffffffffn)]));
export const strings = (...values: string[]): Uint8Array => new TextEncoder().encode(values.map((s) => `${s}\0`).join(''));
export const empty = (): Uint8Array => new Uint8Array(0);
export const prop = (name: string, value: Uint8Array): DtProp => ({ name, value });
export const node = (name: string, props: DtProp[], children: DtNode[] = []): DtNode => ({ name, props, children });

export function findNode(root: DtNode, path: string): DtNode | undefined {
  let n: DtNode | undefined = root;
  for (const part of path.split('/').filter((p) => p !== '')) n = n?.children.find((c) => c.name === part);
  return n;
}
export const getProp = (n: DtNode, name: string): Uint8Array | undefined => n.props.find((p) => p.name === name)?.value;
export function propCells(value: Uint8Array): number[] {
  const dv = new DataView(value.buffer, value.byteOffset, value.byteLength);
  return Array.from({ length: value.byteLength >> 2 }, (_, i) => dv.getUint32(i * 4));
}
export const propStrings = (value: Uint8Array): string[] => new TextDecoder().decode(value).replace(/\0$/, '').split('\0');

// ---- writer ----

export function writeDtb(root: DtNode, options: { bootCpuidPhys?: number; reservations?: DtReservation[] } = {}): Uint8Array {
  const strtab: string[] = [];
  const strOffset = new Map<string, number>();
  let strSize = 0;
  const nameOffset = (name: string): number => {
    let off = strOffset.get(name);
    if (off === undefined) {
      off = strSize;
      strOffset.set(name, off);
      strtab.push(name);
      strSize += new TextEncoder().encode(name).length + 1;
    }
    return off;
  };
  const words: number[] = [];
  const pushBytes = (b: Uint8Array): void => {
    const padded = new Uint8Array((b.length + 3) & ~3);
    padded.set(b);
    words.push(...propCells(padded));
  };
  const emit = (n: DtNode): void => {
    words.push(FDT_BEGIN_NODE);
    pushBytes(new TextEncoder().encode(`${n.name}\0`));
    for (const p of n.props) {
      words.push(FDT_PROP, p.value.length, nameOffset(p.name));
      pushBytes(p.value);
    }
    n.children.forEach(emit);
    words.push(FDT_END_NODE);
  };
  emit(root);
  words.push(FDT_END);

  const reservations = options.reservations ?? [];
  const rsvOff = HEADER_SIZE;
  const structOff = rsvOff + (reservations.length + 1) * 16;
  const structSize = words.length * 4;
  const stringsOff = structOff + structSize;
  const stringsBytes = new TextEncoder().encode(strtab.map((s) => `${s}\0`).join(''));
  const total = stringsOff + stringsBytes.length;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  [FDT_MAGIC, total, structOff, stringsOff, rsvOff, VERSION, LAST_COMP_VERSION, options.bootCpuidPhys ?? 0,
    stringsBytes.length, structSize].forEach((v, i) => dv.setUint32(i * 4, v));
  reservations.forEach((r, i) => {
    dv.setBigUint64(rsvOff + i * 16, r.address);
    dv.setBigUint64(rsvOff + i * 16 + 8, r.size);
  });
  words.forEach((w, i) => dv.setUint32(structOff + i * 4, w));
  out.set(stringsBytes, stringsOff);
  return out;
}

// ---- reader ----

export function readDtb(blob: Uint8Array): Dtb {
  if (blob.length < HEADER_SIZE) throw new DtbError(`${blob.length} bytes is shorter than the 40-byte header`, 0);
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const h = (i: number): number => dv.getUint32(i * 4);
  if (h(0) !== FDT_MAGIC) throw new DtbError(`bad magic 0x${h(0).toString(16)} (expected 0xd00dfeed)`, 0);
  const [total, structOff, stringsOff, rsvOff, version, lastComp, bootCpuidPhys, stringsSize] =
    [h(1), h(2), h(3), h(4), h(5), h(6), h(7), h(8)];
  if (version < 16) throw new DtbError(`version ${version} is older than 16`, 20);
  if (lastComp > VERSION) throw new DtbError(`last compatible version ${lastComp} is newer than ${VERSION}`, 24);
  if (total > blob.length) throw new DtbError(`totalsize ${total} exceeds the ${blob.length} bytes given`, 4);
  const structSize = version >= 17 ? h(9) : total - structOff;
  const within = (off: number, size: number, what: string, field: number): void => {
    if (off < HEADER_SIZE || off + size > total || size < 0) {
      throw new DtbError(`${what} [0x${off.toString(16)}, +0x${size.toString(16)}) lies outside the blob`, field);
    }
  };
  within(structOff, structSize, 'structure block', 8);
  within(stringsOff, stringsSize, 'strings block', 12);
  if (structOff % 4 !== 0) throw new DtbError('structure block is not 4-byte aligned', 8);
  if (rsvOff % 8 !== 0) throw new DtbError('memory reservation block is not 8-byte aligned', 16);

  const reservations: DtReservation[] = [];
  for (let off = rsvOff; ; off += 16) {
    within(off, 16, 'memory reservation entry', off);
    const address = dv.getBigUint64(off), size = dv.getBigUint64(off + 8);
    if (address === 0n && size === 0n) break;
    reservations.push({ address, size });
  }

  const structEnd = structOff + structSize;
  const stringAt = (off: number, limit: number, at: number): string => {
    let end = off;
    while (end < limit && blob[end] !== 0) end++;
    if (end >= limit) throw new DtbError('unterminated string', at);
    return new TextDecoder().decode(blob.subarray(off, end));
  };
  let pos = structOff;
  const token = (): number => {
    if (pos + 4 > structEnd) throw new DtbError('structure block ends without FDT_END', pos);
    const t = dv.getUint32(pos);
    pos += 4;
    return t;
  };
  const nextToken = (): number => {
    let t = token();
    while (t === FDT_NOP) t = token();
    return t;
  };
  const parseNode = (depth: number): DtNode => {
    const name = stringAt(pos, structEnd, pos);
    if (depth === 0 && name !== '') throw new DtbError(`root node has a name "${name}"`, pos);
    if (depth > 0 && (name === '' || name.includes('/'))) throw new DtbError(`bad node name "${name}"`, pos);
    pos = (pos + new TextEncoder().encode(name).length + 1 + 3) & ~3;
    const n = node(name, []);
    for (;;) {
      const at = pos;
      const t = nextToken();
      if (t === FDT_PROP) {
        if (n.children.length > 0) throw new DtbError(`property after a subnode in "${name}"`, at);
        const len = token(), nameoff = token();
        if (nameoff >= stringsSize) throw new DtbError(`property name offset ${nameoff} outside the strings block`, at + 8);
        const pname = stringAt(stringsOff + nameoff, stringsOff + stringsSize, at + 8);
        if (pos + len > structEnd) throw new DtbError(`property "${pname}" runs past the structure block`, at + 4);
        n.props.push(prop(pname, blob.slice(pos, pos + len)));
        pos = (pos + len + 3) & ~3;
      } else if (t === FDT_BEGIN_NODE) {
        n.children.push(parseNode(depth + 1));
      } else if (t === FDT_END_NODE) {
        return n;
      } else {
        throw new DtbError(`unexpected token 0x${t.toString(16)} in node "${name}"`, at);
      }
    }
  };
  const first = nextToken();
  if (first !== FDT_BEGIN_NODE) throw new DtbError(`structure block starts with token 0x${first.toString(16)}, not FDT_BEGIN_NODE`, pos - 4);
  const root = parseNode(0);
  const last = nextToken();
  if (last !== FDT_END) throw new DtbError(`token 0x${last.toString(16)} after the root node (expected FDT_END)`, pos - 4);
  return { root, bootCpuidPhys, reservations };
}

// ---- the virt machine's tree ----

export interface VirtDtbConfig {
  /** RAM at 0x40000000 unless given. */
  memoryBase?: bigint;
  memorySize: bigint;
  cpus: number;
  /** What QEMU writes for the CPU model: -cpu max and cortex-a57 give "arm,cortex-a57", cortex-a76 "arm,cortex-a76". */
  cpuCompatible?: string;
  gicVersion: 2 | 3;
  /** EL2 exists (QEMU's virtualization=on): GIC maintenance interrupt, GICH/GICV frames, PSCI over SMC. */
  virtualization?: boolean;
  /** EL3 exists (secure=on): the guest brings its own firmware, so there is no psci node. */
  secure?: boolean;
  /** Overrides the conduit QEMU derives (smc with EL2 or EL3, else hvc). */
  psciMethod?: 'hvc' | 'smc';
  bootargs?: string;
  initrd?: { start: bigint; end: bigint };
}

/** The virt memory map (hw/arm/virt.c base_memmap and a15irqmap). */
export const VIRT = {
  gicDist: 0x08000000n, gicCpu: 0x08010000n, gicV2m: 0x08020000n, gicHyp: 0x08030000n, gicVcpu: 0x08040000n,
  gicRedist: 0x080a0000n, gicRedistRegionSize: 0xf60000n, uart: 0x09000000n, ram: 0x40000000n,
  uartSpi: 1, v2mFirstSpi: 48, v2mSpis: 64, maintenancePpi: 9,
  /** Timer PPIs in the DTB's order: secure physical, non-secure physical, virtual, hypervisor physical. */
  timerPpis: [13, 14, 11, 10],
} as const;

/** MPIDR affinity of vCPU `index` on virt: 8 CPUs per cluster with GICv2 (its target lists), 16 with GICv3. */
export function virtMpidr(index: number, gicVersion: 2 | 3): number {
  const perCluster = gicVersion === 2 ? 8 : 16;
  return ((Math.floor(index / perCluster) & 0xff) << 8) | (index % perCluster);
}

const PSCI_0_2_FN64_CPU_SUSPEND = 0xc4000001, PSCI_0_2_FN_CPU_OFF = 0x84000002, PSCI_0_2_FN64_CPU_ON = 0xc4000003,
  PSCI_0_2_FN64_MIGRATE = 0xc4000005;
const IRQ_TYPE_LEVEL_HIGH = 4;
const SPI = 0, PPI = 1;

export function virtDtb(config: VirtDtbConfig): DtNode {
  const ramBase = config.memoryBase ?? VIRT.ram;
  const virt = config.virtualization ?? false;
  const secure = config.secure ?? false;
  const method = config.psciMethod ?? (virt || secure ? 'smc' : 'hvc');
  const psci = !secure || config.psciMethod !== undefined;
  // Phandles in QEMU's allocation order: the clock, the CPUs from the last down, the GIC, its MSI frame.
  const clockPhandle = 0x8000;
  const cpuPhandle = (i: number): number => 0x8000 + config.cpus - i;
  const gicPhandle = 0x8001 + config.cpus;
  const msiPhandle = gicPhandle + 1;
  // GICv2 PPIs carry a mask of the CPUs they are wired to in bits [15:8] of the flags cell.
  const ppiFlags = config.gicVersion === 2
    ? (((1 << Math.min(config.cpus, 8)) - 1) << 8) | IRQ_TYPE_LEVEL_HIGH : IRQ_TYPE_LEVEL_HIGH;
  const hexName = (base: bigint): string => base.toString(16);

  const gicRegs = config.gicVersion === 2
    ? [VIRT.gicDist, 0x10000n, VIRT.gicCpu, 0x10000n, ...(virt ? [VIRT.gicHyp, 0x10000n, VIRT.gicVcpu, 0x10000n] : [])]
    : [VIRT.gicDist, 0x10000n, VIRT.gicRedist, VIRT.gicRedistRegionSize];
  const gic = node(`intc@${hexName(VIRT.gicDist)}`, [
    prop('phandle', cells(gicPhandle)),
    ...(virt ? [prop('interrupts', cells(PPI, VIRT.maintenancePpi, IRQ_TYPE_LEVEL_HIGH))] : []),
    prop('reg', cells64(...gicRegs)),
    ...(config.gicVersion === 3 ? [prop('#redistributor-regions', cells(1))] : []),
    prop('compatible', strings(config.gicVersion === 2 ? 'arm,cortex-a15-gic' : 'arm,gic-v3')),
    prop('ranges', empty()),
    prop('#size-cells', cells(2)),
    prop('#address-cells', cells(2)),
    prop('interrupt-controller', empty()),
    prop('#interrupt-cells', cells(3)),
  ], config.gicVersion === 2 ? [node(`v2m@${hexName(VIRT.gicV2m)}`, [
    prop('phandle', cells(msiPhandle)),
    prop('reg', cells64(VIRT.gicV2m, 0x1000n)),
    prop('msi-controller', empty()),
    prop('compatible', strings('arm,gic-v2m-frame')),
  ])] : []);

  const indices = Array.from({ length: config.cpus }, (_, i) => i);
  const cpus = node('cpus', [prop('#size-cells', cells(0)), prop('#address-cells', cells(1))], [
    node('cpu-map', [], [node('socket0', [], [node('cluster0', [],
      indices.map((i) => node(`core${i}`, [prop('cpu', cells(cpuPhandle(i)))])))])]),
    ...indices.map((i) => node(`cpu@${i}`, [
      prop('phandle', cells(cpuPhandle(i))),
      prop('reg', cells(virtMpidr(i, config.gicVersion))),
      ...(psci && config.cpus > 1 ? [prop('enable-method', strings('psci'))] : []),
      prop('compatible', strings(config.cpuCompatible ?? 'arm,cortex-a76')),
      prop('device_type', strings('cpu')),
    ])),
  ]);

  const chosen: DtProp[] = [];
  if (config.initrd) {
    // QEMU writes both as single cells (boot.c uses qemu_fdt_setprop_cell).
    chosen.push(prop('linux,initrd-end', cells(Number(config.initrd.end & 0xffffffffn))));
    chosen.push(prop('linux,initrd-start', cells(Number(config.initrd.start & 0xffffffffn))));
  }
  if (config.bootargs) chosen.push(prop('bootargs', strings(config.bootargs)));
  chosen.push(prop('stdout-path', strings(`/pl011@${hexName(VIRT.uart)}`)));

  return node('', [
    prop('interrupt-parent', cells(gicPhandle)),
    prop('model', strings('linux,dummy-virt')),
    prop('#size-cells', cells(2)),
    prop('#address-cells', cells(2)),
    prop('compatible', strings('linux,dummy-virt')),
  ], [
    ...(psci ? [node('psci', [
      prop('migrate', cells(PSCI_0_2_FN64_MIGRATE)),
      prop('cpu_on', cells(PSCI_0_2_FN64_CPU_ON)),
      prop('cpu_off', cells(PSCI_0_2_FN_CPU_OFF)),
      prop('cpu_suspend', cells(PSCI_0_2_FN64_CPU_SUSPEND)),
      prop('method', strings(method)),
      prop('compatible', strings('arm,psci-1.0', 'arm,psci-0.2', 'arm,psci')),
    ])] : []),
    node(`memory@${hexName(ramBase)}`, [
      prop('reg', cells64(ramBase, config.memorySize)),
      prop('device_type', strings('memory')),
    ]),
    node(`pl011@${hexName(VIRT.uart)}`, [
      prop('clock-names', strings('uartclk', 'apb_pclk')),
      prop('clocks', cells(clockPhandle, clockPhandle)),
      prop('interrupts', cells(SPI, VIRT.uartSpi, IRQ_TYPE_LEVEL_HIGH)),
      prop('reg', cells64(VIRT.uart, 0x1000n)),
      prop('compatible', strings('arm,pl011', 'arm,primecell')),
    ]),
    gic,
    cpus,
    node('timer', [
      prop('interrupts', cells(...VIRT.timerPpis.flatMap((p) => [PPI, p, ppiFlags]))),
      prop('always-on', empty()),
      prop('compatible', strings('arm,armv8-timer', 'arm,armv7-timer')),
    ]),
    node('apb-pclk', [
      prop('phandle', cells(clockPhandle)),
      prop('clock-output-names', strings('clk24mhz')),
      prop('clock-frequency', cells(24000000)),
      prop('#clock-cells', cells(0)),
      prop('compatible', strings('fixed-clock')),
    ]),
    node('chosen', chosen),
  ]);
}
