/*
 * A CPU-bound job for WasmBackendBench, built both to wasm (scripts/build-test-wasm.sh) and natively (by the
 * benchmark script) from this one source, so the two run the same work: counts the primes below N by trial
 * division and folds them into a checksum, printed so the work cannot be optimised away.
 *
 *   cpu_bench [N]   (default 2000000)
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    unsigned int limit = argc > 1 ? (unsigned int) strtoul(argv[1], NULL, 10) : 2000000u;
    unsigned int count = 0;
    unsigned long long checksum = 0;
    for (unsigned int n = 2; n < limit; n++) {
        int prime = 1;
        for (unsigned int d = 2; d * d <= n; d++) {
            if (n % d == 0) {
                prime = 0;
                break;
            }
        }
        if (prime) {
            count++;
            checksum = checksum * 31 + n;
        }
    }
    printf("primes below %u: %u, checksum %llu\n", limit, count, checksum);
    return 0;
}
