#include <stdio.h>

int main(void) { puts("built on " __DATE__); return 0; }
