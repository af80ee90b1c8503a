"""Which source files the calls behind each trace event come from: binutils' addr2line reads
the test binary's debug information (every test binary is built with -g)."""
import shutil
import subprocess


def source_files(binary, addresses):
    """{address: [the source file of each frame at it, inlined ones first]} for `addresses` in
    `binary`; {} when addr2line is missing or fails (the timeline then tells nobody apart)."""
    tool = shutil.which("addr2line")
    if not tool or not addresses:
        return {}
    try:
        out = subprocess.run([tool, "-a", "-i", "-e", binary],
                             input="".join("%x\n" % a for a in sorted(addresses)),
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                             timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    return parse(out)


def parse(text):
    """Reads `addr2line -a -i` output: each address, then a "file:line" per frame at it."""
    files, current = {}, None
    for line in text.splitlines():
        if line.startswith("0x"):
            current = int(line, 16)
            files[current] = []
        elif current is not None and ":" in line:
            files[current].append(line.partition(" (discriminator")[0].rpartition(":")[0])
    return files
