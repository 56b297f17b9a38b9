// A small EL1 kernel for QEMU virt in C: a PL011 driver, the GICv3 (distributor, redistributor, system-register
// CPU interface) and the EL1 virtual timer, whose interrupt prints ticks; then PSCI SYSTEM_OFF by HVC.
// The same binary runs on the bare board and under `--hypervisor builtin`, where every device access traps to EL2.
#include <stdint.h>

#define UART_BASE 0x09000000UL
#define UARTDR 0x000
#define UARTFR 0x018
#define UARTFR_TXFF (1u << 5)
#define UARTIBRD 0x024
#define UARTFBRD 0x028
#define UARTLCR_H 0x02c
#define UARTLCR_H_WLEN8 (3u << 5)
#define UARTLCR_H_FEN (1u << 4)
#define UARTCR 0x030
#define UARTCR_UARTEN (1u << 0)
#define UARTCR_TXE (1u << 8)
#define UARTCR_RXE (1u << 9)

#define GICD_BASE 0x08000000UL
#define GICD_CTLR 0x0000
#define GICD_CTLR_ENABLE_GRP1 (1u << 1)
#define GICD_CTLR_ARE (1u << 4)
#define GICD_CTLR_RWP (1u << 31)
#define GICR_BASE 0x080a0000UL                          // CPU 0's redistributor: RD frame, then the SGI frame
#define GICR_WAKER 0x0014
#define GICR_WAKER_PROCESSOR_SLEEP (1u << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1u << 2)
#define GICR_SGI 0x10000
#define GICR_IGROUPR0 (GICR_SGI + 0x0080)
#define GICR_ISENABLER0 (GICR_SGI + 0x0100)
#define GICR_IPRIORITYR (GICR_SGI + 0x0400)

#define PPI_VTIMER 27                                   // the EL1 virtual timer's interrupt on virt
#define CNTV_CTL_ENABLE (1u << 0)
#define TICKS 5
#define PSCI_SYSTEM_OFF 0x84000008UL

#define read_sysreg(reg) ({ uint64_t v_; __asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })
#define write_sysreg(reg, v) __asm__ volatile("msr " #reg ", %0" : : "r"((uint64_t)(v)))

static inline uint32_t mmio_read32(uintptr_t addr) { return *(volatile uint32_t *)addr; }
static inline void mmio_write32(uintptr_t addr, uint32_t v) { *(volatile uint32_t *)addr = v; }
static inline void mmio_write8(uintptr_t addr, uint8_t v) { *(volatile uint8_t *)addr = v; }

static void uart_init(void) {
  mmio_write32(UART_BASE + UARTCR, 0);                  // disabled while it is programmed
  mmio_write32(UART_BASE + UARTIBRD, 13);               // 115200 baud from virt's 24 MHz UARTCLK: 13 + 1/64
  mmio_write32(UART_BASE + UARTFBRD, 1);
  mmio_write32(UART_BASE + UARTLCR_H, UARTLCR_H_WLEN8 | UARTLCR_H_FEN);
  mmio_write32(UART_BASE + UARTCR, UARTCR_UARTEN | UARTCR_TXE | UARTCR_RXE);
}

static void uart_putc(char c) {
  while (mmio_read32(UART_BASE + UARTFR) & UARTFR_TXFF) {
  }
  mmio_write32(UART_BASE + UARTDR, (uint8_t)c);
}

static void uart_puts(const char *s) {
  while (*s) uart_putc(*s++);
}

static void uart_putdec(uint64_t v) {
  char digits[20];
  int n = 0;
  do {
    digits[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) uart_putc(digits[--n]);
}

static void uart_puthex(uint64_t v) {
  uart_puts("0x");
  int shift = 60;
  while (shift > 0 && !(v >> shift)) shift -= 4;
  for (; shift >= 0; shift -= 4) uart_putc("0123456789abcdef"[(v >> shift) & 0xf]);
}

static void psci_system_off(void) {
  register uint64_t x0 __asm__("x0") = PSCI_SYSTEM_OFF;
  __asm__ volatile("hvc #0" : "+r"(x0) : : "memory");   // QEMU's DTB names HVC as the PSCI conduit at EL1
  for (;;) {
  }
}

static void gic_wait_rwp(void) {
  while (mmio_read32(GICD_BASE + GICD_CTLR) & GICD_CTLR_RWP) {
  }
}

// Distributor (affinity routing, Group 1 on), this CPU's redistributor (awake, the timer PPI in Group 1, enabled)
// and the CPU interface (system registers: all priorities pass, Group 1 interrupts signalled).
static void gic_init(void) {
  mmio_write32(GICD_BASE + GICD_CTLR, GICD_CTLR_ARE);
  gic_wait_rwp();
  mmio_write32(GICD_BASE + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_ENABLE_GRP1);
  gic_wait_rwp();
  mmio_write32(GICR_BASE + GICR_WAKER, mmio_read32(GICR_BASE + GICR_WAKER) & ~GICR_WAKER_PROCESSOR_SLEEP);
  while (mmio_read32(GICR_BASE + GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP) {
  }
  mmio_write32(GICR_BASE + GICR_IGROUPR0, 1u << PPI_VTIMER);
  mmio_write8(GICR_BASE + GICR_IPRIORITYR + PPI_VTIMER, 0x80);
  mmio_write32(GICR_BASE + GICR_ISENABLER0, 1u << PPI_VTIMER);
  write_sysreg(icc_sre_el1, 7);                         // SRE: the CPU interface through system registers
  __asm__ volatile("isb");
  write_sysreg(icc_pmr_el1, 0xff);
  write_sysreg(icc_igrpen1_el1, 1);
  __asm__ volatile("isb");
}

static uint64_t tick_interval;
static volatile unsigned ticks;

static void timer_arm(void) {
  write_sysreg(cntv_tval_el0, tick_interval);
  write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
  __asm__ volatile("isb");
}

// IRQ vector (start.S): acknowledge, handle, end the interrupt. The timer's line stays asserted until its
// condition is cleared, so the handler re-arms (or stops) the timer before the EOI.
void irq_exception(void) {
  uint64_t iar = read_sysreg(icc_iar1_el1);
  uint32_t intid = iar & 0xffffff;
  if (intid == PPI_VTIMER) {
    ticks++;
    uart_puts("tick ");
    uart_putdec(ticks);
    uart_puts("\n");
    if (ticks < TICKS) timer_arm();
    else write_sysreg(cntv_ctl_el0, 0);
  } else {
    uart_puts("unexpected interrupt ");
    uart_putdec(intid);
    uart_puts("\n");
  }
  write_sysreg(icc_eoir1_el1, iar);
  __asm__ volatile("isb");
}

void sync_exception(void) {
  uart_puts("unexpected synchronous exception, ESR_EL1 ");
  uart_puthex(read_sysreg(esr_el1));
  uart_puts(" at ");
  uart_puthex(read_sysreg(elr_el1));
  uart_puts("\n");
  psci_system_off();
}

void unexpected_exception(void) {
  uart_puts("unexpected exception\n");
  psci_system_off();
}

void kernel_main(void) {
  uart_init();
  uart_puts("kernel: hello from C at EL");
  uart_putdec((read_sysreg(CurrentEL) >> 2) & 3);
  uart_puts("\n");
  uint64_t frequency = read_sysreg(cntfrq_el0);
  uart_puts("kernel: counter at ");
  uart_putdec(frequency);
  uart_puts(" Hz, a tick every 10 ms\n");
  tick_interval = frequency / 100;
  gic_init();
  timer_arm();
  __asm__ volatile("msr daifclr, #2");                  // unmask IRQs: the timer can now interrupt
  while (ticks < TICKS) __asm__ volatile("wfi");
  uart_puts("kernel: ");
  uart_putdec(ticks);
  uart_puts(" ticks, powering off\n");
  psci_system_off();
}
