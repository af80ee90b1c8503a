// A program that does what the child-process runner's tests ask of it, one word per step:
//   print:TEXT  partial:TEXT  stderr:TEXT  sleep:MS  wait-signal  exit:CODE  crash (abort)
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string step = argv[i];
    const std::string arg = step.substr(step.find(':') + 1);
    if (step.rfind("print:", 0) == 0) {
      std::printf("%s\n", arg.c_str());
    } else if (step.rfind("partial:", 0) == 0) {
      std::printf("%s", arg.c_str());
    } else if (step.rfind("stderr:", 0) == 0) {
      std::fprintf(stderr, "%s\n", arg.c_str());
    } else if (step.rfind("sleep:", 0) == 0) {
      std::fflush(stdout);
      usleep(static_cast<useconds_t>(std::atoi(arg.c_str()) * 1000));
    } else if (step == "wait-signal") {
      std::fflush(stdout);
      pause();  // the default action of the signal ends the process
    } else if (step.rfind("exit:", 0) == 0) {
      std::fflush(stdout);
      std::exit(std::atoi(arg.c_str()));
    } else if (step == "crash") {
      std::fflush(stdout);
      std::abort();  // SIGABRT: TSan leaves it alone, unlike SIGSEGV
    }
    std::fflush(stdout);
  }
  return 0;
}
