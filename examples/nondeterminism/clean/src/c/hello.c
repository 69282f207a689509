#include <stdio.h>

int main(void) { puts("hello, reproducibly"); return 0; }
