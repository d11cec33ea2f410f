"""Which files of the data folder may be read: only those the descriptor names, each a regular file
inside the folder reached without a symbolic link. Nothing outside data/ is ever opened."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

from kb.schema import DESCRIPTOR, Package
from kb.validation.catalogue import Issue, issue

READ = ".csv"  # a file of this kind in data/ that no resource names is a stray


def unsafe_path(root: Path, relative: str) -> str | None:
    """Why the resource path ``relative`` may not be read, or None when it is a plain relative path
    to a regular (or not yet existing) file inside ``root``."""
    posix = PurePosixPath(relative)
    if posix.is_absolute() or PureWindowsPath(relative).is_absolute() or PureWindowsPath(relative).drive:
        return "is absolute; give it relative to the data folder"
    if "\\" in relative or ".." in posix.parts or not posix.parts or "\0" in relative:
        return "leads out of the data folder"
    place = root
    for part in posix.parts:
        place = place / part
        if place.is_symlink():
            return "is, or goes through, a symbolic link"
    if place.exists() and not place.is_file():
        return "is not a regular file"
    if not place.resolve().is_relative_to(root.resolve()):
        return "leads out of the data folder"
    return None


def stray_files(package: Package) -> list[Issue]:
    """A ``stray-file`` issue for each symbolic link, and each CSV file the descriptor does not name, in data/."""
    named = {package.path(resource).name for resource in package.resources} | {DESCRIPTOR}
    issues = []
    for entry in sorted(package.root.iterdir()):
        if entry.is_symlink():
            issues.append(issue(str(entry), 1, 1, "stray-file", "a symbolic link in the data folder is never followed"))
        elif entry.name not in named and entry.suffix.lower() == READ:
            issues.append(issue(str(entry), 1, 1, "stray-file", "no resource of datapackage.json names this file"))
    return issues
