#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "wartaspawn.h"

/// Closes every descriptor from 3 up, except `keep`. Between fork and exec only async-signal-safe
/// calls: the parent has many threads.
static void close_all_but(int keep) {
#ifdef SYS_close_range
    if ((keep <= 3 || syscall(SYS_close_range, 3U, (unsigned)keep - 1, 0) == 0)
        && syscall(SYS_close_range, (unsigned)keep + 1, ~0U, 0) == 0) return;
#endif
    struct rlimit limit;
    long top = getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < 65536 ? (long)limit.rlim_cur : 65536;
    for (long fd = 3; fd < top; fd++) {
        if (fd != keep) close((int)fd);
    }
}

pid_t warta_spawn(const char *path, char *const argv[], int out_fd, int err_fd, int death_signal) {
    int report[2];  // the child writes errno here when exec fails; closed by a successful exec
    if (pipe2(report, O_CLOEXEC) != 0) return -1;
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        int saved = errno;
        close(report[0]);
        close(report[1]);
        errno = saved;
        return -1;
    }
    if (pid == 0) {
        int code;
        if (prctl(PR_SET_PDEATHSIG, death_signal) != 0) goto failed;
        // The parent may have died before the line above: then no signal would ever come.
        if (getppid() != parent) _exit(127);
        for (int sig = 1; sig < NSIG; sig++) {
            if (sig != SIGKILL && sig != SIGSTOP) signal(sig, SIG_DFL);
        }
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        // The report pipe (close-on-exec: it lasts until exec) is moved above the standard three first.
        int moved = fcntl(report[1], F_DUPFD_CLOEXEC, 3);
        if (moved < 0) goto failed;
        report[1] = moved;
        int in = open("/dev/null", O_RDONLY);
        if (in < 0 || dup2(in, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0) goto failed;
        close_all_but(report[1]);
        execv(path, argv);
    failed:
        code = errno;
        (void)!write(report[1], &code, sizeof code);
        _exit(127);
    }
    close(report[1]);
    int code = 0;
    ssize_t got;
    do { got = read(report[0], &code, sizeof code); } while (got < 0 && errno == EINTR);
    close(report[0]);
    if (got == (ssize_t)sizeof code) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        errno = code;
        return -1;
    }
    return pid;
}

int warta_pipe(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}
