"""The seed's CPU attempt in Python: threads against a multiprocessing pool, on the same work.

Counts the primes below N by trial division, cut into chunks of 1000 that the workers share
round robin -- the work of exercise 06's Compute(). Prints each way's wall time and speed-up
over one thread, so that the GIL shows next to the C++ benchmark's table:

    python3 exercises/06_cpu_attempt/python_benchmark.py [--n 1000000] [--workers 2]
    bazel run //exercises/06_cpu_attempt:python_benchmark -- --workers 2

Standard library only.
"""
import argparse
import multiprocessing
import sys
import threading
import time

CHUNK_SIZE = 1000


def is_prime(k):
    if k < 2:
        return False
    if k < 4:
        return True
    if k % 2 == 0:
        return False
    d = 3
    while d * d <= k:
        if k % d == 0:
            return False
        d += 2
    return True


def count_worker_share(n, worker, workers):
    """Worker `worker`'s chunks: worker, worker + workers, ... (like the C++ exercise)."""
    chunks = (n + CHUNK_SIZE - 1) // CHUNK_SIZE
    count = 0
    for chunk in range(worker, chunks, workers):
        for k in range(chunk * CHUNK_SIZE, min(n, (chunk + 1) * CHUNK_SIZE)):
            if is_prime(k):
                count += 1
    return count


def serial(n, _workers):
    return count_worker_share(n, 0, 1)


def threads(n, workers):
    """The seed's attempt: a list of threads, start them all, join them all."""
    partials = [0] * workers

    def run(worker):
        partials[worker] = count_worker_share(n, worker, workers)

    pool = [threading.Thread(target=run, args=(w,)) for w in range(workers)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return sum(partials)


def processes(n, workers):
    with multiprocessing.Pool(workers) as pool:
        return sum(pool.starmap(count_worker_share, [(n, w, workers) for w in range(workers)]))


def best_of(runs, way, n, workers):
    """The fastest of `runs` wall-clock timings, and the count."""
    best = None
    for _ in range(runs):
        start = time.perf_counter()
        count = way(n, workers)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, count


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="count the primes below this")
    parser.add_argument("--workers", type=int, default=2, help="threads or processes")
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs")
    args = parser.parse_args(argv)
    if args.n < 0 or args.workers < 1 or args.runs < 1:
        parser.error("need --n >= 0, --workers >= 1, --runs >= 1")
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    print("Python %s, GIL %s; primes below %d, %d workers, best of %d runs" % (
        sys.version.split()[0], "on" if gil else "OFF", args.n, args.workers, args.runs))
    print("  %-26s %10s %9s" % ("way", "time", "speed-up"))
    base = None
    for name, way, workers in (("serial", serial, 1),
                               ("threading.Thread", threads, args.workers),
                               ("multiprocessing.Pool", processes, args.workers)):
        elapsed, count = best_of(args.runs, way, args.n, workers)
        base = base or elapsed
        label = "%s x%d" % (name, workers)
        print("  %-26s %7.1f ms %8.2fx   (%d primes)" % (label, elapsed * 1e3, base / elapsed,
                                                       count))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
