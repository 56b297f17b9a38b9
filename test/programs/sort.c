// Test program for the disassembly listing: libc calls through the PLT, callbacks, a jump table,
// static data and locals, so that branch, ADRP/ADD and literal targets hit many kinds of symbols.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int counter;
const char *names[] = {"zero", "one", "two", "three", "four", "five"};

static int cmp(const void *a, const void *b) {
  counter++;
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int classify(int x) {
  switch (x) {
  case 0: return 11;
  case 1: return 23;
  case 2: return 37;
  case 3: return 41;
  case 4: return 59;
  case 5: return 61;
  case 6: return 73;
  default: return -1;
  }
}

double scale(double v, float f) { return v * f + 1.5; }

int main(int argc, char **argv) {
  const char **copy = malloc(sizeof names);
  memcpy(copy, names, sizeof names);
  qsort(copy, 6, sizeof *copy, cmp);
  for (int i = 0; i < 6; i++) printf("%s %d\n", copy[i], classify(i + argc));
  char *s = realloc(NULL, strlen(argv[0]) + 1);
  strcpy(s, argv[0]);
  puts(s);
  free(s);
  free(copy);
  printf("%g %d\n", scale(argc, 2.5f), counter);
  return 0;
}
