// vestnik_measure: runs a command and reports its wall time and peak resident memory.
//
//   vestnik_measure [--stdin FILE] -- COMMAND [ARGS...]
//
// The command's standard output goes to /dev/null (its standard error is kept); standard input
// is FILE when given, else /dev/null. Prints one line to standard output:
//   <wall seconds> <peak RSS in KiB> <exit status> <CPU seconds>
// and exits 0, or 2 when the command could not be started. The fourth field is the CPU time
// (user + system) of the command, which a shared, loaded machine inflates less than wall time.
// bench/run.sh uses it so that the end-to-end figures need nothing beyond the build (not even
// GNU time).
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

namespace {

// Replaces file descriptor `fd` with `path` opened with `flags`; false on failure.
bool Redirect(int fd, const char* path, int flags) {
  int f = open(path, flags);
  if (f < 0) return false;
  if (dup2(f, fd) < 0) return false;
  close(f);
  return true;
}

int Usage() {
  std::fprintf(stderr, "usage: vestnik_measure [--stdin FILE] -- COMMAND [ARGS...]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  const char* input = "/dev/null";
  int i = 1;
  if (i + 1 < argc && std::strcmp(argv[i], "--stdin") == 0) {
    input = argv[i + 1];
    i += 2;
  }
  if (i >= argc || std::strcmp(argv[i], "--") != 0 || i + 1 >= argc) return Usage();
  char** command = argv + i + 1;
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid < 0) return 2;
  if (pid == 0) {
    if (!Redirect(STDIN_FILENO, input, O_RDONLY) ||
        !Redirect(STDOUT_FILENO, "/dev/null", O_WRONLY)) {
      std::perror("vestnik_measure");
      _exit(127);
    }
    execvp(command[0], command);
    std::perror(command[0]);
    _exit(127);
  }
  int status = 0;
  struct rusage usage = {};
  if (wait4(pid, &status, 0, &usage) < 0) return 2;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (code == 127) return 2;
  const double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                     static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  std::printf("%.4f %ld %d %.4f\n", seconds, usage.ru_maxrss, code, cpu);
  return 0;
}
