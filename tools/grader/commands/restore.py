"""Restores an exercise's stub from git's HEAD, after backing up the learner's files.

The index and the rest of the working tree are not touched (no `git checkout`): each file of
exercises/NN_name in HEAD is written back from its blob. Ctrl+C is held off meanwhile, and the
backup is complete before the first file is overwritten, so learner code is never lost.
"""
import os
import shutil
import subprocess
import tempfile
import time

from ..state import kata_dir, signals_held


def _git(repo_root, *args):
    return subprocess.run(["git", "-C", repo_root] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)


def tracked(repo_root, ex):
    """[(mode, blob sha, path relative to the repository)] of the exercise in HEAD."""
    proc = _git(repo_root, "ls-tree", "-r", "-z", "HEAD", "--", ex.package + "/")
    if proc.returncode != 0:
        return []
    entries = []
    for record in proc.stdout.split(b"\0"):
        if record:
            meta, path = record.split(b"\t", 1)
            mode, kind, sha = meta.decode().split()
            if kind == "blob":
                entries.append((mode, sha, os.fsdecode(path)))
    return entries


def check(repo_root, ex):
    """Why the exercise cannot be reset, or "" if it can."""
    if shutil.which("git") is None:
        return "git is not installed, and reset restores the stub from git"
    top = _git(repo_root, "rev-parse", "--show-toplevel")
    if top.returncode != 0 or os.path.realpath(top.stdout.decode().strip()) != \
            os.path.realpath(repo_root):
        return "%s is not a git checkout, and reset restores the stub from git" % repo_root
    if _git(repo_root, "rev-parse", "--verify", "-q", "HEAD").returncode != 0:
        return "the git repository has no commit to restore from"
    if not tracked(repo_root, ex):
        return "git's last commit has no %s/" % ex.package
    return ""


def _content(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def _backup_dir(repo_root, ex):
    base = os.path.join(kata_dir(repo_root, "backups"), time.strftime("%Y%m%d-%H%M%S-") + ex.name)
    path, n = base, 1
    while os.path.exists(path):
        n += 1
        path = "%s-%d" % (base, n)
    return path


def backup_and_restore(repo_root, ex):
    """Returns (backup directory, files restored, learner files git does not know); the files
    are paths relative to the exercise, and only those that differed from git are restored."""
    entries = tracked(repo_root, ex)
    with signals_held():
        backup = _backup_dir(repo_root, ex)
        if os.path.isdir(ex.dir):
            shutil.copytree(ex.dir, backup, symlinks=True)
        else:
            os.makedirs(backup)
        known, restored = set(), []
        for mode, sha, path in entries:
            blob = _git(repo_root, "cat-file", "blob", sha)
            if blob.returncode != 0:
                raise OSError("git cat-file failed for %s: %s" % (path, blob.stderr.decode()))
            target = os.path.join(repo_root, path)
            known.add(os.path.relpath(target, ex.dir))
            if _content(target) == blob.stdout:
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".kata-reset-")
            with os.fdopen(fd, "wb") as f:
                f.write(blob.stdout)
            os.chmod(tmp, 0o755 if mode == "100755" else 0o644)
            os.replace(tmp, target)
            restored.append(os.path.relpath(target, ex.dir))
        kept = [rel for rel in ex.learner_files() if rel not in known]
        return backup, restored, kept
