// Test shared library for the disassembly listing: exported and static functions calling libc through
// the PLT (with an ifunc-free, versionless export table), plus data referenced through the GOT.
#include <stdio.h>
#include <string.h>

int shared_counter = 3;
static char buffer[64];

static int helper(const char *s) { return (int)strlen(s) + shared_counter; }

int lib_api(const char *s) {
  strncpy(buffer, s, sizeof buffer - 1);
  printf("%s\n", buffer);
  return helper(buffer);
}

long lib_sum(const long *v, int n) {
  long t = 0;
  for (int i = 0; i < n; i++) t += v[i] * (i + 1);
  return t;
}
