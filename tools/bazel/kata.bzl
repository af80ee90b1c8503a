"""One declaration per exercise, three packages of targets.

An exercise is declared once, in tools/bazel/course/<name>.bzl:

    EXERCISE = exercise(
        name = "01_greeter",
        library = "greeter",                # the learner's cc_library, and the test `greeter_test`
        hdrs = ["greeter.h"],               # the contract, shared by every variant
        srcs = ["greeter.cc"],              # what the learner edits; solutions/ has the same names
        test_srcs = ["greeter_test.cc"],    # one test source for every variant
        apps = {},                          # program name -> its main file (see below)
        mutants = {"no_pause": "no_pause.patch"},
        chaos_only = [],                    # mutants that only chaos mode can reject (below)
        alternatives = {"with_jthread": "with_jthread.cc"},  # correct, but unlike the reference
    )

and each of its three packages holds one call, `kata_targets(EXERCISE)`, which builds what
belongs in that package:

- exercises/<name>:    the learner's library, programs and test (`bazel test` them);
- solutions/<name>:    the reference, built from the same test source; it must pass;
- tests/mutants/<name>: every mutant and alternative, built from the same test source, and the
      meta-tests: stub_fails, reference_passes, <mutant>_is_rejected and
      <alternative>_alternative_passes.

A mutant is the reference with one deliberate bug, kept as a patch (`diff -u`) against the
reference: a string patches srcs[0]; a dict maps files of srcs to their patches. The patch opens
with prose naming the bug; a genrule applies it, and fails loudly once the reference has moved
on so far that it no longer applies (tools/mutant re-derives patches). A program's main file is
shared from exercises/<name>, unless it is in srcs, in which case each variant brings its own. The test sources are compiled once, in
exercises/<name>, against the contract alone; each variant links them with its own code. Tests
find the programs of their own variant through AppPath() (tests/support/app_path.h).

An alternative is a correct solution written differently from the reference (other primitives,
another loop shape): the tests must pass it too, or they demand more than the header promises.
It is a whole file in tests/mutants/<name>/: a string replaces srcs[0], a dict maps files of srcs
to their replacements; the other files come from the reference. Its meta-test is
<alternative>_alternative_passes.

Some bugs only show under chaos mode (tests/support/chaos.h): a condition-variable wait without
a predicate is wrong only when a wakeup is spurious. Such a mutant is listed in chaos_only; its
meta-test judges it under `--config=chaos` and says it skipped in a normal build.
"""

load("@rules_cc//cc:defs.bzl", "cc_binary", "cc_library", "cc_test")

WORKSPACE_NAME = "threading_kata"

def exercise(
        name,
        library,
        hdrs,
        srcs,
        test_srcs,
        apps = {},
        mutants = {},
        deps = [],
        chaos_only = [],
        alternatives = {}):
    """Declares an exercise; see the top of this file.

    Args:
      name: the directory name, "NN_name".
      library: the learner's cc_library; its test is `<library>_test`.
      hdrs: the contract headers, in exercises/<name>, shared by every variant.
      srcs: the files the learner edits; solutions/<name> has files of the same names.
      test_srcs: the test sources, in exercises/<name>, shared by every variant.
      apps: program name -> main file, for programs that tests start as child processes.
      mutants: mutant name -> patch of srcs[0], or a dict {file of srcs: its patch}.
      deps: extra dependencies of the library.
      chaos_only: the mutants that only chaos mode can reject.
      alternatives: alternative name -> its file for srcs[0], or a dict {file of srcs: its file}.

    Returns:
      A struct for kata_targets().
    """
    if not mutants:
        fail("exercise %s needs mutants: a test that rejects no wrong code proves nothing" % name)
    for mutant in chaos_only:
        if mutant not in mutants:
            fail("exercise %s: chaos_only names %s, which is not a mutant" % (name, mutant))
    return struct(
        name = name,
        library = library,
        hdrs = hdrs,
        srcs = srcs,
        test_srcs = test_srcs,
        apps = apps,
        mutants = mutants,
        deps = deps,
        chaos_only = chaos_only,
        alternatives = alternatives,
    )

# buildifier: disable=unnamed-macro
def kata_targets(ex):
    """Creates the targets of an exercise that belong in the calling package.

    Args:
      ex: the exercise, as returned by exercise().
    """
    pkg = native.package_name()
    if pkg == "exercises/" + ex.name:
        native.exports_files(ex.apps.values())  # main files, for the other variants
        _test_cases(ex)
        _variant(ex, prefix = "", files = {f: f for f in ex.srcs})
    elif pkg == "solutions/" + ex.name:
        native.exports_files(ex.srcs)
        _variant(ex, prefix = "", files = _shared(ex, "solutions"))
    elif pkg == "tests/mutants/" + ex.name:
        _meta_tests(ex)
    else:
        fail("kata_targets(%s) belongs in exercises/, solutions/ or tests/mutants/%s" %
             (ex.name, ex.name))

def _shared(ex, tree):
    return {f: "//%s/%s:%s" % (tree, ex.name, f) for f in ex.srcs}

def _test_cases(ex):
    """In exercises/<name>: the contract alone, and the test sources compiled once against it.

    Every variant links the same test objects with its own implementation, so adding a mutant
    costs one small compile and a link, not another compile of every test source.
    """
    cc_library(
        name = ex.library + "_contract",
        hdrs = ex.hdrs,
        visibility = ["//visibility:public"],
    )
    cc_library(
        name = ex.library + "_test_cases",
        testonly = True,
        srcs = ex.test_srcs,
        deps = [
            ":" + ex.library + "_contract",
            "//tests/support",
        ],
        alwayslink = True,
        visibility = ["//visibility:public"],
    )

def _variant(ex, prefix, files):
    """Builds one variant: `files` maps each file of ex.srcs to the label to build it from.

    Every variant -- the learner's, the reference and each mutant -- is the same cc_test with the
    same flags, so what the meta-tests judge is exactly what the learner runs. A mutant's test is
    tagged manual: `bazel test //tests/...` builds it for its meta-test but never runs it as a
    test of its own (it fails by design).
    """
    mains = ex.apps.values()
    lib = prefix + ex.library
    cases = "//exercises/%s:%s" % (ex.name, ex.library)
    cc_library(
        name = lib,
        srcs = [files[f] for f in ex.srcs if f not in mains],
        deps = [cases + "_contract"] + ex.deps,
        testonly = bool(prefix),
        visibility = ["//visibility:public"],
    )
    for app, main in ex.apps.items():
        cc_binary(
            name = prefix + app,
            srcs = [files[main] if main in files else _from_exercise(ex, main)],
            deps = [
                ":" + lib,
                "//tests/support:tsan_defaults",
                "//tests/support:interpose",
            ],
            testonly = bool(prefix),
            visibility = ["//visibility:public"],
        )

    # Where this variant's programs are; AppPath() reads it (tests/support/app_path.h).
    cc_library(
        name = lib + "_app_prefix",
        testonly = True,
        srcs = ["//tests/support:app_prefix.cc"],
        deps = ["//tests/support"],
        local_defines = ['KATA_APP_PREFIX=\\"%s/%s/%s\\"' %
                         (WORKSPACE_NAME, native.package_name(), prefix)],
    )
    cc_test(
        name = prefix + ex.library + "_test",
        size = "small",
        # Static: the tests' main (tests/support/test_main.cc) is then part of the executable,
        # where its __sanitizer_report_error_summary hook wins over libtsan's weak default. In
        # fastbuild, cc_test otherwise links each dependency as a shared library, the runtime
        # binds libtsan's copy first, and a race fails no test by name.
        linkstatic = True,
        tags = ["manual"] if prefix else [],
        data = [":" + prefix + app for app in ex.apps],
        deps = [
            cases + "_test_cases",
            ":" + lib,
            ":" + lib + "_app_prefix",
            "//tests/support:test_main",
        ],
        visibility = ["//visibility:public"],
    )

def _from_exercise(ex, f):
    if native.package_name() == "exercises/" + ex.name:
        return f
    return "//exercises/%s:%s" % (ex.name, f)

def _meta_tests(ex):
    """Builds every mutant of `ex` and the meta-tests that judge stub, reference and mutants."""
    _expect("stub_fails", "fail", "//exercises/%s:%s_test" % (ex.name, ex.library))
    _expect("reference_passes", "pass", "//solutions/%s:%s_test" % (ex.name, ex.library))
    for alternative, swap in ex.alternatives.items():
        files = _shared(ex, "solutions")
        for f, replacement in _swapped(ex, "alternative", alternative, swap):
            files[f] = _renamed(alternative, f, replacement)
        _variant(ex, prefix = alternative + "_", files = files)
        _expect(alternative + "_alternative_passes", "pass", ":%s_%s_test" % (alternative, ex.library))
    for mutant, swap in ex.mutants.items():
        files = _shared(ex, "solutions")
        for f, patch in _swapped(ex, "mutant", mutant, swap):
            files[f] = _patched(ex, mutant, f, files[f], patch)
        _variant(ex, prefix = mutant + "_", files = files)
        _expect(
            mutant + "_is_rejected",
            "fail",
            ":%s_%s_test" % (mutant, ex.library),
            chaos_only = mutant in ex.chaos_only,
            # The bug catalogue: one of the tests its row names must be among those that fail.
            catalogue_row = mutant,
            # `--test_tag_filters=-mutant` leaves the rejections out (CI's libc++ gate).
            tags = ["mutant"],
        )

def _swapped(ex, kind, variant, swap):
    """Returns the (file of srcs, its file) pairs of a mutant's or an alternative's declaration.

    A string swaps srcs[0]; a dict names the files.
    """
    if type(swap) == "string":
        swap = {ex.srcs[0]: swap}
    for f in swap:
        if f not in ex.srcs:
            fail("%s %s of %s swaps %s, which is not in srcs" % (kind, variant, ex.name, f))
    return swap.items()

def _renamed(variant, f, source):
    """Copies `source` to `<variant>/<f>`; returns the copy's label.

    The copy bears the learner's file name, so TSan reports and messages name it the same way.
    """
    out = "%s/%s" % (variant, f)
    native.genrule(
        name = "%s_%s" % (variant, f.replace(".", "_")),
        srcs = [source],
        outs = [out],
        cmd = "cp $< $@",
        testonly = True,
    )
    return ":" + out

def _patched(ex, mutant, f, reference, patch):
    """Applies `patch` to the reference file `f`; returns the label of the mutant's copy."""
    if not patch.endswith(".patch"):
        fail("mutant %s of %s: %s should be a .patch (diff -u against the reference)" %
             (mutant, ex.name, patch))
    out = "%s/%s" % (mutant, f)
    where = "tests/mutants/%s/%s no longer applies to solutions/%s/%s" % (ex.name, patch, ex.name, f)
    hint = "mutant %s: %s; run tools/mutant refresh, or tools/mutant edit %s %s" % (
        mutant,
        where,
        ex.name,
        mutant,
    )
    native.genrule(
        name = "%s_%s" % (mutant, f.replace(".", "_")),
        srcs = [reference, patch],
        outs = [out],
        # The copy: patch refuses to read through the sandbox's symlinks.
        cmd = ("cp $(location %s) $@ && chmod u+w $@ && patch --quiet --force --fuzz=0 " +
               "--no-backup-if-mismatch --reject-file=- $@ < $(location %s) >&2 " +
               "|| { echo '%s' >&2; exit 1; }") % (reference, patch, hint),
        testonly = True,
    )
    return ":" + out

def _expect(name, verdict, test_binary, chaos_only = False, catalogue_row = None, tags = []):
    expect = ["--expect=" + verdict]
    data = [test_binary]
    if catalogue_row:
        expect += ["--catalogue=$(location README.md)", "--mutant=" + catalogue_row]
        data.append("README.md")
    if chaos_only:
        # Chaos mode catches it only when a pause or a spurious wakeup falls on the right wait:
        # the whole binary gives it every chance, so tools/stress does not narrow this run.
        expect.append("--whole_binary")
        expect = select({
            "//tests/support:chaos_build": expect,
            "//conditions:default": ["--skip=needs_chaos"],
        })
    native.py_test(
        name = name,
        size = "small",
        srcs = ["//tests/meta:expect_verdict.py"],
        main = "//tests/meta:expect_verdict.py",
        args = expect + ["$(location %s)" % test_binary],
        data = data,
        python_version = "PY3",
        deps = ["//tools/maintainer:repo"],
        tags = tags,
    )
