"""Stored file names: random, and telling where a file lives.

Originals of images and documents get a random name when they are written, never the
uploader's file name. A name under PRIVATE_PREFIX is stored in the private location. Wagtail
names a rendition after its original's stem (`images/<stem>.<filter>.<ext>`), so the stem of a
private original starts with PRIVATE_MARK and its renditions are routed to the private location
too (random public stems are hexadecimal and never contain the mark).
"""

import posixpath
import re
import secrets

PRIVATE_PREFIX = "private/"
PRIVATE_MARK = "p-"
ORIGINAL_FOLDERS = ("original_images", "documents")
RENDITION_FOLDER = "images"
RANDOM_STEM = re.compile(r"^(p-)?[0-9a-f]{32}$")
EXTENSION = re.compile(r"^\.[a-z0-9]{1,10}$")


def is_private(name):
    return bool(name) and name.startswith(PRIVATE_PREFIX)


def public_part(name):
    """The name without the private prefix."""
    return name[len(PRIVATE_PREFIX) :] if is_private(name) else name


def extension(name):
    suffix = posixpath.splitext(name)[1].lower()
    return suffix if EXTENSION.match(suffix) else ""


def random_name(folder, original_name, private):
    """A new name in `folder` with the extension of `original_name`."""
    stem = (PRIVATE_MARK if private else "") + secrets.token_hex(16)
    name = f"{folder}/{stem}{extension(original_name)}"
    return PRIVATE_PREFIX + name if private else name


def is_random(name):
    stem = posixpath.splitext(posixpath.basename(name))[0]
    return bool(RANDOM_STEM.match(stem)) and stem.startswith(PRIVATE_MARK) == is_private(name)


def for_new_file(name):
    """The name a file about to be written gets: a random private name for a new original of an
    image or a document (its collection decides later whether it moves to the public
    location), the private location for a rendition of a private original, `name` otherwise."""
    folder = name.split("/", 1)[0]
    if folder in ORIGINAL_FOLDERS and "/" in name:
        return random_name(folder, name, private=True)
    if folder == RENDITION_FOLDER and posixpath.basename(name).startswith(PRIVATE_MARK):
        return PRIVATE_PREFIX + name
    return name


def moved(name, private):
    """A fresh random name for the file `name` in the other location."""
    folder = public_part(name).split("/", 1)[0]
    return random_name(folder, name, private)
