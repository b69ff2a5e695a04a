"""A short tour of the credential engine: issue, bake and verify a badge, on disk in var/demo/.

Run with ``python -m insigne.demo`` (``make run`` does it).
"""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

from .core import dates, description
from .core.baking import bake
from .core.issuing import sign_credential
from .core.keys import Ed25519Key
from .core.verify import verify

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "badge.yaml"


def solid_png(width: int = 64, height: int = 64, rgb: bytes = b"\xf2\x8c\x28") -> bytes:
    """A plain square (orange by default), written without an image library: enough to
    carry a baked badge."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + rgb * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">'
    '<circle cx="32" cy="32" r="30" fill="#f28c28"/></svg>\n'
)


def main(folder: Path = Path("var/demo")) -> int:
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    key_file = folder / "key.json"
    key = Ed25519Key.from_json(json.loads(key_file.read_text())) if key_file.exists() else None
    if key is None:
        key = Ed25519Key.generate()
        key_file.write_text(key.to_json_text())
        key_file.chmod(0o600)
    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    now = dates.now()
    unsigned = description.credential(data, issuer_id=key.did_key, now=now)
    signed = sign_credential(unsigned, key, now=now)
    token = sign_credential(unsigned, key, format="jwt", now=now)
    assert isinstance(signed, dict) and isinstance(token, str)
    files = {
        "badge.json": json.dumps(signed, indent=2, ensure_ascii=False).encode("utf-8"),
        "badge.jwt": token.encode("ascii"),
        "badge.png": bake(solid_png(), json.dumps(signed, ensure_ascii=False)),
        "badge.svg": bake(_SVG.encode("utf-8"), token),
    }
    print(f"Clé de l'émetteur / issuer key: {key_file}  ({key.did_key})")
    email = data["recipient"]["email"]
    for name, content in files.items():
        path = folder / name
        path.write_bytes(content)
        result = verify(content, email=email)
        verdict = result.summary().get("fr")
        print(f"{path}: {verdict}")
        for check in result.checks:
            print(f"    {check.outcome.value:<8} {check.name:<11} {check.message.fr}")
    print()
    print("Essayez / try:")
    print(f"  insigne verify {folder / 'badge.png'} --email {email}")
    print(f"  insigne unbake {folder / 'badge.svg'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
