"""Checks which symbols a kata test binary defines: in a normal build, nothing of the pthread
interposition layer (tests/support/interpose.cc) and no std::thread member; under
--config=chaos or --config=trace, the layer's pthread functions.

    interposition_test.py [--interposed] BINARY...

The learner's test binary must be plain: a debugger stepping into std::thread::join lands in the
standard library, and clang with libc++ builds it like any other program.
"""
import argparse
import subprocess
import sys

LAYER_MARK = "kata_interpose_fail_thread_start"   # defined by interpose.cc alone
# The standard library's own out-of-line std::thread members (demangled), which an old tracer
# redefined. Template instantiations such as std::thread::_State_impl<...> are the program's.
STD_THREAD_MEMBERS = ("std::thread::join()", "std::thread::detach()")
PTHREAD = ("pthread_create", "pthread_join", "pthread_detach", "pthread_mutex_lock",
           "pthread_mutex_unlock", "pthread_cond_wait", "pthread_cond_timedwait",
           "pthread_cond_clockwait")


def defined_symbols(binary):
    """{name: type letter} of the symbols `binary` defines, demangled."""
    out = subprocess.run(["nm", "--defined-only", "--demangle", binary], stdout=subprocess.PIPE,
                         check=True, text=True).stdout
    found = {}
    for line in out.splitlines():
        fields = line.split(None, 2)
        if len(fields) == 3:
            found[fields[2]] = fields[1]
    return found


def problems(binary, interposed):
    symbols = defined_symbols(binary)
    # clang's TSan runtime is linked statically and defines the pthread names itself; gcc's is a
    # shared library. So the pthread names count only where the layer's mark is.
    has_layer = LAYER_MARK in symbols
    threads = sorted(s for s in symbols if s in STD_THREAD_MEMBERS)
    found = []
    if interposed and not has_layer:
        found.append("%s: built with the interposition layer, but %s is not defined" %
                     (binary, LAYER_MARK))
    if interposed and has_layer:
        missing = [name for name in PTHREAD if symbols.get(name, "").upper() != "T"]
        if missing:
            found.append("%s: the layer does not define %s" % (binary, ", ".join(missing)))
    if not interposed and has_layer:
        found.append("%s: a normal build holds the interposition layer (%s)" % (binary, LAYER_MARK))
    if threads:
        found.append("%s: redefines the standard library's std::thread members: %s" %
                     (binary, ", ".join(threads)))
    return found


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--interposed", action="store_true",
                        help="expect the layer (a --config=chaos or --config=trace build)")
    parser.add_argument("binaries", nargs="+")
    args = parser.parse_args(argv)
    found = [p for b in args.binaries for p in problems(b, args.interposed)]
    for line in found:
        print(line)
    print("%d binaries checked, %d problems" % (len(args.binaries), len(found)))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
