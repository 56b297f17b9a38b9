// The GICv3 CPU interface system registers (ICC_*, and ICH_* for the hypervisor) belong to the host's
// interrupt controller model: MRS/MSR of them call into the host, which also sees the current EL and HCR_EL2 to
// serve ICV_* for a virtualised EL1. Without a GICv3 (no GIC, or GICv2) they do not exist and are UNDEFINED.
@external("env", "gicRead") declare function hostGicSysregRead(idx: i32): u64;
@external("env", "gicWrite") declare function hostGicSysregWrite(idx: i32, value: u64): void;

/** Whether the board's GIC has the system-register interface (GICv3); ID_AA64PFR0_EL1.GIC says so. */
export let gicSystemRegisters: bool = false;
export function setGicSystemRegisters(on: bool): void { gicSystemRegisters = on; }

export function hostGicRead(idx: i32): u64 { return hostGicSysregRead(idx); }
export function hostGicWrite(idx: i32, value: u64): void { hostGicSysregWrite(idx, value); }
