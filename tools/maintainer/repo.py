"""What the maintainer tools share beyond the course model (tools/course.py): the bug
catalogue's rows, and one-line usage errors."""
import argparse
import re
import sys

# A catalogue row, tests/mutants/<exercise>/README.md:
# | `mutant` | bug class | why a learner writes it | `Suite.Test`, ... |
_CATALOGUE_ROW = re.compile(r"^\|\s*`([a-z0-9_]+)`\s*\|(.*)\|\s*$", re.M)
_TEST_NAME = re.compile(r"`([A-Za-z0-9_]+\.[A-Za-z0-9_]+)`")


def read_catalogue(text):
    """[(mutant, ["Suite.Test", ...])] of a bug catalogue's rows, in table order: the tests its
    last column says reject the mutant."""
    return [(mutant, _TEST_NAME.findall(cells.rsplit("|", 1)[-1]))
            for mutant, cells in _CATALOGUE_ROW.findall(text)]


class UsageParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr and exit code 2."""

    def error(self, message):
        usage = " ".join(self.format_usage().split())
        sys.stderr.write("%s (%s)\n" % (usage, message))
        sys.exit(2)
