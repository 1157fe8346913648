/*
 * The wasm backend's test program: a WASI command that uses what a job is given, so a test can check each
 * of it from the program's output. Built by scripts/build-test-wasm.sh into src/test/resources/wasm.
 *
 *   wasi_demo [words...] [exit=N]   prints its arguments, $GREETING and $BLIXARD_ATTEMPT, what it read from
 *                                   stdin, and a file it wrote and read back in its directory (/work); writes
 *                                   a line to stderr; exits with N (0 without exit=N)
 *   wasi_demo spin-first            loops until stopped on the job's first attempt (BLIXARD_ATTEMPT=1), and
 *                                   on any later attempt prints "attempt N" and exits 0: a job that needs the
 *                                   node to give it back to complete
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int spin_on_first_attempt(void) {
    const char *attempt = getenv("BLIXARD_ATTEMPT");
    if (attempt == NULL || strcmp(attempt, "1") == 0) {
        /* volatile: an empty endless loop is undefined behaviour in C, which the compiler may remove. */
        volatile unsigned long spins = 0;
        for (;;) {
            spins++;
        }
    }
    printf("attempt %s\n", attempt);
    return 0;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "spin-first") == 0) {
        return spin_on_first_attempt();
    }
    int exit_code = 0;
    printf("args:");
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "exit=", 5) == 0) {
            exit_code = atoi(argv[i] + 5);
        } else {
            printf(" [%s]", argv[i]);
        }
    }
    printf("\n");
    const char *greeting = getenv("GREETING");
    const char *attempt = getenv("BLIXARD_ATTEMPT");
    printf("GREETING=%s\n", greeting ? greeting : "(unset)");
    printf("BLIXARD_ATTEMPT=%s\n", attempt ? attempt : "(unset)");

    char input[4096];
    size_t read = fread(input, 1, sizeof input - 1, stdin);
    input[read] = '\0';
    printf("stdin: %zu bytes: %s\n", read, input);

    FILE *file = fopen("/work/note.txt", "w");
    if (file == NULL) {
        perror("cannot write /work/note.txt");
        return 70;
    }
    fprintf(file, "written in /work by wasi_demo");
    fclose(file);
    char note[256] = {0};
    file = fopen("/work/note.txt", "r");
    if (file == NULL || fgets(note, sizeof note, file) == NULL) {
        perror("cannot read /work/note.txt back");
        return 71;
    }
    fclose(file);
    printf("file: %s\n", note);

    fprintf(stderr, "wasi_demo exits with %d\n", exit_code);
    return exit_code;
}
