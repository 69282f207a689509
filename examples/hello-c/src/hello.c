#include <stdio.h>

int main(void)
{
    puts("Hello, reproducible world!");
    return 0;
}
