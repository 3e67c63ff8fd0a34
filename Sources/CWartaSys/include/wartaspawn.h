#ifndef WARTASPAWN_H
#define WARTASPAWN_H

#include <sys/types.h>

/// Starts `path` with `argv` (NULL-terminated; the environment is the caller's), standard input
/// from /dev/null and standard output and error on `out_fd` and `err_fd`, every other descriptor
/// closed, every signal at its default and unblocked. The child gets `death_signal` when the
/// calling thread ends (PR_SET_PDEATHSIG): a parent killed with SIGKILL takes its child with it.
/// The calling thread must wait for the child itself. Returns the pid, or -1 with errno set
/// (also when the program cannot be executed).
pid_t warta_spawn(const char *path, char *const argv[], int out_fd, int err_fd, int death_signal);

/// pipe2(fds, O_CLOEXEC), which Swift's Glibc module does not export.
int warta_pipe(int fds[2]);

#endif
