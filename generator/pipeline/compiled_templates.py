"""The theme's templates compiled by Jinja, kept in the project's cache folder.

MkDocs compiles Material's templates anew in every build: half a second of the sample's, more
than its Markdown. Jinja can keep the compiled code (a "bytecode cache") and takes it only for
a template whose source is the same. Its own file cache reads an entry with pickle: an entry
cut short (a machine stopped mid-write, a disk that filled) fails every build until the cache
is deleted, and damaged bytes can ask pickle for any amount of memory. Each entry here carries
the SHA-256 of its bytes, so a damaged one is never parsed: the template is compiled again.
"""

from __future__ import annotations

import hashlib
import io
from importlib import metadata
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, BytecodeCache

from generator.atomic import write_bytes

# In the project's cache folder; one folder a Jinja version, as the compiled code is Jinja's own.
TEMPLATES_CACHE = "templates"
_DIGEST_SIZE = 32


class _KeptTemplates(BytecodeCache):
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            kept = (self.folder / f"{bucket.key}.code").read_bytes()
        except OSError:  # none kept yet, or unreadable: compiled
            return
        digest, code = kept[:_DIGEST_SIZE], kept[_DIGEST_SIZE:]
        if hashlib.sha256(code).digest() == digest:
            bucket.load_bytecode(io.BytesIO(code))

    def dump_bytecode(self, bucket: Bucket) -> None:
        out = io.BytesIO()
        bucket.write_bytecode(out)
        code = out.getvalue()
        write_bytes(self.folder / f"{bucket.key}.code", hashlib.sha256(code).digest() + code)


def keep_compiled_templates(env: jinja2.Environment, cache_dir: Path) -> None:
    """Make ``env`` keep the templates it compiles in ``cache_dir`` and use those kept."""
    env.bytecode_cache = _KeptTemplates(
        cache_dir / TEMPLATES_CACHE / f"jinja-{metadata.version('jinja2')}")
