"""Small files that expand to a lot, built in the test: no attack file is kept in the tree.

Each builder writes the least a reader needs (a .docx's three parts, a PDF's objects and
cross-reference table) so that what is measured is the reader's, not the builder's, cost.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          b'<Default Extension="rels" '
          b'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          b'<Default Extension="xml" ContentType="application/xml"/>'
          b'<Default Extension="png" ContentType="image/png"/>'
          b'<Override PartName="/word/document.xml" ContentType="application/'
          b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         b'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_W = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PARAGRAPH = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"


def docx_bytes(paragraphs: list[str] | None = None, *, repeat: int = 1,
               extra: dict[str, bytes] | None = None, picture: tuple[str, bytes] | None = None,
               stored: bool = False) -> bytes:
    """A .docx whose body is ``paragraphs`` ``repeat`` times, with ``extra`` parts; with
    ``picture`` (its part name under word/media and its bytes) one picture drawn after the
    text. ``stored`` keeps the parts uncompressed."""
    body = "".join(_PARAGRAPH.format(p) for p in paragraphs or ["Kế hoạch tuyên truyền."])
    drawing = ""
    rels = _RELS.split(b"<Relationship ")[0]
    if picture is not None:
        drawing = ('<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/'
                   'drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.'
                   'openxmlformats.org/drawingml/2006/main"><a:graphicData><a:blip '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
                   ' r:embed="rIdPic"/></a:graphicData></a:graphic></wp:inline></w:drawing>'
                   '</w:r></w:p>')
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="'
            + _W + b'"><w:body>')
    document = head + body.encode() * repeat + drawing.encode() + b"</w:body></w:document>"
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "w", method, compresslevel=9) as package:
        types = _TYPES
        if picture is not None:  # named in full: its name need not end in a known suffix
            types = types.replace(b"</Types>", b'<Override PartName="/word/media/'
                                  + picture[0].encode() + b'" ContentType="image/png"/></Types>')
        package.writestr("[Content_Types].xml", types)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", document)
        if picture is not None:
            name, data = picture
            package.writestr(f"word/media/{name}", data)
            package.writestr("word/_rels/document.xml.rels", (
                rels + b'<Relationship Id="rIdPic" Type="http://schemas.openxmlformats.org/'
                  b'officeDocument/2006/relationships/image" Target="media/'
                + name.encode() + b'"/></Relationships>'))
        for name, data in (extra or {}).items():
            package.writestr(name, data)
    return out.getvalue()


def zeros_docx(size: int) -> bytes:
    """A .docx holding a part of ``size`` zero bytes, compressed to about a thousandth."""
    out = io.BytesIO(docx_bytes())
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as package, \
            package.open("word/media/zeros.bin", "w", force_zip64=True) as part:
        chunk = bytes(1 << 20)
        for _ in range(size >> 20):
            part.write(chunk)
    return out.getvalue()


def pdf_bytes(pages: list[bytes], *, shared: bool = False) -> bytes:
    """A PDF of ``pages`` content streams (compressed), one Helvetica font; with ``shared``
    every page draws the first page's content (many pages from a few bytes)."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
                            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    contents: dict[int, int] = {}
    for number, content in enumerate(pages):
        if not shared or number == 0:
            packed = zlib.compress(content, 9)
            objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
                           + packed + b"\nendstream")
            contents[number] = len(objects)
        stream = contents[0 if shared else number]
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents "
                       b"%d 0 R /Resources << /Font << /F1 3 0 R >> >> >>" % stream)
        kids.append(len(objects))
    objects[1] = (b"<< /Type /Pages /Count %d /Kids [" % len(kids)
                  + b" ".join(b"%d 0 R" % k for k in kids) + b"] >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def text_page(lines: list[str]) -> bytes:
    """A page's content stream showing ``lines`` (Latin letters only: the font is Helvetica)."""
    ops = [b"BT /F1 11 Tf 72 770 Td 14 TL"]
    for line in lines:
        ops.append(b"(" + line.encode("latin-1") + b") '")
    ops.append(b"ET")
    return b"\n".join(ops)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
