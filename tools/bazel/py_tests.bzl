"""py_tests(): one small Python 3 test per name, each from <name>.py."""

# buildifier: disable=unnamed-macro
def py_tests(names, deps, data = []):
    """Declares a py_test `name` from `name`.py for each of `names`, with the same deps and data.

    Args:
      names: the tests' names.
      deps: what every test depends on.
      data: files every test reads.
    """
    for name in names:
        native.py_test(
            name = name,
            size = "small",
            srcs = [name + ".py"],
            data = data,
            python_version = "PY3",
            srcs_version = "PY3",
            deps = deps,
        )
