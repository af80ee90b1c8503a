"""Repository rules that adapt Debian's packaged Bazel rules to Bazel 4.2.3."""

# rules_cc 0.0.4 calls use_cpp_toolchain(), which Bazel 4.2.3 does not have. These are the files
# that do; in each the call is replaced by the label list it would return.
_FILES_TO_PATCH = [
    "cc/private/rules_impl/cc_flags_supplier.bzl",
    "cc/private/rules_impl/compiler_flag.bzl",
]

def _patched_rules_cc_impl(ctx):
    root = ctx.path(ctx.attr.path)
    if not root.exists:
        fail("%s is missing: run tools/setup (it installs bazel-rules-cc)" % ctx.attr.path)

    # Link the tree as it is, except cc/, which is copied so that two of its files can change.
    for entry in root.readdir():
        if entry.basename not in ("cc", "WORKSPACE", "MODULE.bazel"):
            ctx.symlink(entry, entry.basename)
    result = ctx.execute(["cp", "-R", str(root.get_child("cc")), "cc"])
    if result.return_code != 0:
        fail("cannot copy %s/cc: %s" % (ctx.attr.path, result.stderr))
    for rel in _FILES_TO_PATCH:
        text = ctx.read(rel)
        text = text.replace(', "use_cpp_toolchain")', ")")
        text = text.replace("use_cpp_toolchain()", '["@bazel_tools//tools/cpp:toolchain_type"]')
        ctx.file(rel, text, executable = False)
    ctx.file("WORKSPACE", 'workspace(name = "rules_cc")\n', executable = False)

patched_rules_cc = repository_rule(
    implementation = _patched_rules_cc_impl,
    attrs = {"path": attr.string(mandatory = True)},
    local = True,
    doc = "Symlinks Debian's rules_cc tree and patches use_cpp_toolchain() out of it.",
)
