#include <stdio.h>

int main(void) { puts("compiled from " __FILE__); return 0; }
