"""The file work of `tools/grade reset` and `restore`: an exercise's stub from git's HEAD, or
its latest backup from .kata/backups/, always after backing up the learner's files.

The index and the rest of the working tree are not touched (no `git checkout`): each file of
exercises/NN_name in HEAD is written back from its blob. Ctrl+C is held off meanwhile, and the
backup is complete before the first file is overwritten, so learner code is never lost. Files
git does not know, or that a backup does not hold, are left alone (and are in the backup too).
"""
import os
import re
import shutil
import subprocess
import tempfile
import time

import course

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


def _write(target, content, mode):
    """Replaces `target` with `content` at once (a temp file beside it, then a rename)."""
    os.makedirs(os.path.dirname(target), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".kata-restore-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def stub(repo_root, ex):
    """{path relative to the exercise: (file mode, content)} of the exercise in git's HEAD."""
    entries = tracked(repo_root, ex)
    proc = subprocess.run(["git", "-C", repo_root, "cat-file", "--batch"],
                          input="".join(sha + "\n" for _, sha, _ in entries).encode(),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        raise OSError("git cat-file failed: %s" % proc.stderr.decode(errors="replace"))
    files, out, at = {}, proc.stdout, 0
    for mode, sha, path in entries:   # each blob: "<sha> blob <size>\n<content>\n"
        end = out.index(b"\n", at)
        header = out[at:end].split()
        if len(header) != 3 or header[1] != b"blob":
            raise OSError("git cat-file has no blob %s for %s" % (sha, path))
        size = int(header[2])
        rel = os.path.relpath(os.path.join(repo_root, path), ex.dir)
        files[rel] = (0o755 if mode == "100755" else 0o644, out[end + 1:end + 1 + size])
        at = end + 1 + size + 1
    return files


def untouched(repo_root, ex):
    """Whether the exercise's files are all exactly as git's HEAD has them (the stub, not
    started); False when git cannot tell."""
    try:
        files = stub(repo_root, ex)
    except OSError:
        return False
    return bool(files) and differences(ex, files) == ([], [])


def backup_files(backup):
    """{path relative to `backup`: (file mode, content)} of the files a backup holds, less
    editor droppings (course.is_dropping, as course.Exercise.learner_files counts them)."""
    files = {}
    for dirpath, dirnames, filenames in os.walk(backup):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            path = os.path.join(dirpath, name)
            if course.is_dropping(name) or os.path.islink(path) or not os.path.isfile(path):
                continue
            content = _content(path)
            if content is not None:
                files[os.path.relpath(path, backup)] = (os.stat(path).st_mode & 0o777, content)
    return files


def differences(ex, files):
    """(the paths of `files` whose content differs from the exercise's, the learner's files
    that `files` does not hold), relative to the exercise, sorted."""
    differ = sorted(rel for rel, (_, content) in files.items()
                    if _content(os.path.join(ex.dir, rel)) != content)
    others = [rel for rel in ex.learner_files() if rel not in files]
    return differ, others


def _backup_dir(repo_root, ex):
    base = os.path.join(kata_dir(repo_root, "backups"), time.strftime("%Y%m%d-%H%M%S-") + ex.name)
    path, n = base, 1
    while os.path.exists(path):
        n += 1
        path = "%s-%d" % (base, n)
    return path


def latest_backup(repo_root, ex):
    """The folder of the exercise's newest backup in .kata/backups/, or None."""
    folder = os.path.join(repo_root, ".kata", "backups")
    name = re.compile(r"^(\d{8}-\d{6})-%s(?:-(\d+))?$" % re.escape(ex.name))
    try:
        found = [(m.group(1), int(m.group(2) or 1), entry) for entry, m in
                 ((e, name.match(e)) for e in os.listdir(folder)) if m and
                 os.path.isdir(os.path.join(folder, entry))]
    except OSError:
        return None
    return os.path.join(folder, max(found)[2]) if found else None


def backup_and_write(repo_root, ex, files):
    """Backs up the exercise's folder, then writes those of `files` ({path relative to the
    exercise: (mode, content)}) that differ. Returns (backup folder, paths written)."""
    with signals_held():
        backup = _backup_dir(repo_root, ex)
        if os.path.isdir(ex.dir):
            shutil.copytree(ex.dir, backup, symlinks=True)
        else:
            os.makedirs(backup)
        written = []
        for rel, (mode, content) in sorted(files.items()):
            target = os.path.join(ex.dir, rel)
            if _content(target) != content:
                _write(target, content, mode)
                written.append(rel)
        return backup, written
