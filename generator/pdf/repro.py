"""Make LibreOffice's PDF bytes depend on the document only, not on when or where it was exported.

What LibreOffice 7.x writes that changes from one export to the next, and what is done here:

- /CreationDate (and /ModDate, if any) in the Info dictionary, and xmp:CreateDate /
  ModifyDate / MetadataDate in the XMP packet (PDF/A exports): removed, or set to
  SOURCE_DATE_EPOCH when that variable is set (the reproducible-builds convention).
- The trailer /ID: set to an MD5 of the normalised body, so equal documents get equal IDs.
  The non-standard /DocChecksum (an MD5 of the original bytes) is dropped.
- /UniqueID of every CFF font subset (Noto CJK), which LibreOffice converts to Type 1:
  the number comes from a counter that lives as long as the soffice process, so it
  depends on how many fonts that process exported before. It appears in clear text and
  again inside the eexec-encrypted Private dictionary; both are replaced by a number
  derived from the font program itself (same width, so Length1/2/3 stay valid), which
  means decrypting and re-encrypting that part of the font.
- xmpMM:DocumentID / InstanceID (random UUIDs, should a future version write them):
  derived from the body hash.
- The order of the embedded font subsets. LibreOffice writes them from a map keyed by the
  font face's address in memory, so which font comes first (and so the object numbers of
  each font's file, descriptor, ToUnicode map and dictionary) depends on the heap layout of
  that office process: about one export in thirty puts them in another order. The page
  content is the same (it names fonts /F1…, and the resource dictionary maps each name to
  the same subset), only the numbering differs. The font objects are renumbered in the
  order of their subset names (BAAAAA+…, CAAAAA+…), which is the order of first use and so
  a function of the document, into the same object numbers and file positions.

Everything else LibreOffice writes (subset tags BAAAAA+, the other object numbers,
compressed streams) is already a function of the document. The file is rebuilt object by object
from its cross-reference table, with a new table. A file in a shape this does not know
(incremental updates, cross-reference streams) is returned unchanged: correct, but not
reproducible; tests/test_pdf.py fails loudly if LibreOffice ever starts writing one.
"""
from __future__ import annotations

import hashlib
import os
import re
import zlib
from datetime import datetime, timezone

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_SUBSECTION = re.compile(rb"(\d+) (\d+)\s*$")
_STREAM = re.compile(rb"\bstream\r?\n")
_LENGTH = re.compile(rb"/Length\s+(\d+)(\s+0\s+R)?")
_INFO_DATE = re.compile(rb"/(CreationDate|ModDate)\s*(?:\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f\s]*>)")
_TRAILER_ID = re.compile(rb"/ID\s*\[\s*<[0-9A-Fa-f]*>\s*<[0-9A-Fa-f]*>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/[0-9A-Fa-f]+")
_XMP_DATE = re.compile(rb"<xmp:(CreateDate|ModifyDate|MetadataDate)>[^<]*</xmp:\1>")
_XMP_UUID = re.compile(rb"<xmpMM:(DocumentID|InstanceID)>[^<]*</xmpMM:\1>")
_UNIQUE_ID = re.compile(rb"/UniqueID (\d+) def")
_REF = re.compile(rb"(\d+)\s+0\s+R\b")
_OBJ_HEAD = re.compile(rb"^(\d+)(\s+0\s+obj)")
_FONT_DICT = re.compile(rb"/Type\s*/Font\b")
_BASE_FONT = re.compile(rb"/BaseFont\s*/([^\s/<>\[\]()]+)")
_EEXEC_KEY = 55665


class _Unknown(Exception):
    """The file is not laid out the way this module expects."""


def make_reproducible(data: bytes) -> bytes:
    """The same PDF with every export-dependent field fixed (see the module docstring)."""
    try:
        return _rebuild(data)
    except (_Unknown, ValueError, zlib.error):
        return data


def _dates() -> tuple[bytes, bytes] | None:
    """(PDF date, XMP date) from SOURCE_DATE_EPOCH, or None to leave dates out."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    when = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return when.strftime("D:%Y%m%d%H%M%SZ").encode(), when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()


def _rebuild(data: bytes) -> bytes:
    tail = _STARTXREF.search(data, max(0, len(data) - 1024))
    if not tail:
        raise _Unknown("no startxref")
    xref_at = int(tail.group(1))
    trailer_at = data.find(b"trailer", xref_at)
    if not data.startswith(b"xref", xref_at) or trailer_at < 0:
        raise _Unknown("no classic xref table")
    trailer = data[trailer_at + len(b"trailer"):tail.start()]
    if b"/Prev" in trailer or b"/XRefStm" in trailer:
        raise _Unknown("incremental update")

    offsets = _read_xref(data[xref_at + 4:trailer_at])
    order = sorted(offsets, key=offsets.get)
    bounds = [offsets[n] for n in order] + [xref_at]
    chunks = {n: data[bounds[i]:bounds[i + 1]] for i, n in enumerate(order)}
    header = data[:bounds[0]]

    _fix_objects(chunks, trailer)
    chunks = _renumber(chunks, _font_order(chunks))
    body = header + b"".join(chunks[n] for n in order)
    digest = hashlib.md5(body).hexdigest().upper().encode()
    for n in order:
        if b"xmpMM:" in chunks[n]:
            chunks[n] = _fix_stream(chunks[n], chunks, lambda s: _XMP_UUID.sub(
                lambda m: b"<xmpMM:%s>uuid:%s</xmpMM:%s>" % (m.group(1), _uuid(digest), m.group(1)), s))

    out = bytearray(header)
    new_offsets = {}
    for n in order:
        new_offsets[n] = len(out)
        out += chunks[n]
    xref_pos = len(out)
    size = max(new_offsets) + 1
    out += b"xref\n0 %d\n" % size
    for n in range(size):
        out += b"%010d %05d %s \n" % ((new_offsets[n], 0, b"n") if n in new_offsets else (0, 65535, b"f"))
    trailer = _CHECKSUM.sub(b"", trailer)
    trailer = _TRAILER_ID.sub(b"/ID [ <%s>\n<%s> ]" % (digest, digest), trailer)
    out += b"trailer" + trailer + b"startxref\n%d\n%%%%EOF\n" % xref_pos
    return bytes(out)


def _read_xref(table: bytes) -> dict[int, int]:
    """Object number -> byte offset, for the objects in use."""
    offsets: dict[int, int] = {}
    lines = table.strip().split(b"\n")
    i = 0
    while i < len(lines):
        head = _SUBSECTION.match(lines[i].strip())
        if not head:
            raise _Unknown("bad xref subsection")
        first, count = int(head.group(1)), int(head.group(2))
        for k in range(count):
            entry = _XREF_ENTRY.match(lines[i + 1 + k].strip())
            if not entry:
                raise _Unknown("bad xref entry")
            if entry.group(3) == b"n":
                offsets[first + k] = int(entry.group(1))
        i += 1 + count
    if not offsets:
        raise _Unknown("empty xref")
    return offsets


def _fix_objects(chunks: dict[int, bytes], trailer: bytes) -> None:
    dates = _dates()
    info = re.search(rb"/Info\s+(\d+)\s+0\s+R", trailer)
    if info and int(info.group(1)) in chunks:
        n = int(info.group(1))
        chunks[n] = _INFO_DATE.sub(lambda m: b"/%s(%s)" % (m.group(1), dates[0]) if dates else b"", chunks[n])
    for n, chunk in list(chunks.items()):
        start = _STREAM.search(chunk)
        head = chunk[:start.start()] if start else b""
        if b"/Length2" in head and b"/Length3" in head:
            chunks[n] = _fix_stream(chunk, chunks, lambda s, h=head: _fix_type1(s, h))
        elif b"/Metadata" in head and b"/XML" in head:
            chunks[n] = _fix_stream(chunk, chunks, lambda s: _fix_xmp(s, dates))


def _head(chunk: bytes) -> bytes:
    """The object without its stream data: the only part that may hold references."""
    start = _STREAM.search(chunk)
    return chunk[:start.start()] if start else chunk


def _font_order(chunks: dict[int, bytes]) -> dict[int, int]:
    """Old -> new object number that puts the font subsets in the order of their names.

    A font is its /Type/Font dictionary and every object reachable from it (file, length,
    descriptor, ToUnicode map). The fonts' numbers, pooled and sorted, are handed out again
    font by font in name order, each font keeping the relative order of its own objects.
    Anything unexpected (two fonts sharing an object, two fonts of one name) keeps the order."""
    groups: dict[bytes, list[int]] = {}
    owner: dict[int, bytes] = {}
    for n, chunk in chunks.items():
        head = _head(chunk)
        name = _BASE_FONT.search(head)
        if not _FONT_DICT.search(head) or not name:
            continue
        if name.group(1) in groups:
            return {}
        members, todo = [], [n]
        while todo:
            m = todo.pop()
            if m in members or m not in chunks:
                continue
            if owner.get(m, name.group(1)) != name.group(1):
                return {}
            owner[m] = name.group(1)
            members.append(m)
            todo += [int(r) for r in _REF.findall(_head(chunks[m]))]
        groups[name.group(1)] = sorted(members)
    slots = iter(sorted(owner))
    return {old: next(slots) for name in sorted(groups) for old in groups[name]}


def _renumber(chunks: dict[int, bytes], mapping: dict[int, int]) -> dict[int, bytes]:
    """Each object under its new number, every reference to a renumbered object following it.

    Objects stay in their file positions: the object now numbered n sits where n sat."""
    mapping = {old: new for old, new in mapping.items() if old != new}
    if not mapping:
        return chunks
    out = {}
    for n, chunk in chunks.items():
        head = _head(chunk)
        new_head = _REF.sub(lambda m: b"%d 0 R" % mapping.get(int(m.group(1)), int(m.group(1)))
                            if int(m.group(1)) in mapping else m.group(0), head)
        new_head = _OBJ_HEAD.sub(lambda m: b"%d%s" % (mapping.get(n, n), m.group(2)), new_head, count=1)
        out[mapping.get(n, n)] = new_head + chunk[len(head):]
    return out


def _fix_stream(chunk: bytes, chunks: dict[int, bytes], edit) -> bytes:
    """`chunk` with its stream data passed through `edit`; /Length (direct or not) follows."""
    start = _STREAM.search(chunk)
    if not start:
        return chunk
    head = chunk[:start.start()]
    length = _LENGTH.search(head)
    if not length:
        raise _Unknown("stream without /Length")
    if length.group(2):
        ref = int(length.group(1))
        size = int(re.search(rb"obj\s*(\d+)", chunks[ref]).group(1))
    else:
        size = int(length.group(1))
    raw = chunk[start.end():start.end() + size]
    flate = b"/FlateDecode" in head
    plain = zlib.decompress(raw) if flate else raw
    edited = edit(plain)
    if edited == plain:
        return chunk
    new_raw = zlib.compress(edited, 9) if flate else edited
    if length.group(2):
        chunks[ref] = re.sub(rb"obj\s*\d+", b"obj\n%d" % len(new_raw), chunks[ref], count=1)
    else:
        head = head[:length.start()] + b"/Length %d" % len(new_raw) + head[length.end():]
    return head + chunk[start.start():start.end()] + new_raw + chunk[start.end() + size:]


def _fix_type1(program: bytes, head: bytes) -> bytes:
    """Replace LibreOffice's per-process /UniqueID by one derived from the font program."""
    clear_len = int(re.search(rb"/Length1\s+(\d+)", head).group(1))
    crypt_len = int(re.search(rb"/Length2\s+(\d+)", head).group(1))
    clear, crypt = program[:clear_len], program[clear_len:clear_len + crypt_len]
    found = _UNIQUE_ID.search(clear)
    if not found:
        return program
    old = found.group(1)
    plain = _decrypt(crypt)
    key = hashlib.md5(clear.replace(old, b"") + plain.replace(old, b"")).digest()
    new = b"%d" % (4_000_000 + int.from_bytes(key[:4], "big") % 1_000_000)
    new = new.rjust(len(old), b"0")
    if len(new) != len(old):
        return program
    old_entry, new_entry = b"/UniqueID %s def" % old, b"/UniqueID %s def" % new
    clear = clear.replace(old_entry, new_entry)
    crypt = _encrypt(plain.replace(old_entry, new_entry))
    return clear + crypt + program[clear_len + crypt_len:]


def _decrypt(data: bytes) -> bytes:
    """Type 1 eexec decryption (Adobe Type 1 Font Format, ch. 7)."""
    r, out = _EEXEC_KEY, bytearray()
    put = out.append
    for c in data:
        put(c ^ (r >> 8))
        r = ((c + r) * 52845 + 22719) & 0xFFFF
    return bytes(out)


def _encrypt(data: bytes) -> bytes:
    r, out = _EEXEC_KEY, bytearray()
    put = out.append
    for p in data:
        c = p ^ (r >> 8)
        put(c)
        r = ((c + r) * 52845 + 22719) & 0xFFFF
    return bytes(out)


def _fix_xmp(xmp: bytes, dates: tuple[bytes, bytes] | None) -> bytes:
    if dates:
        return _XMP_DATE.sub(lambda m: b"<xmp:%s>%s</xmp:%s>" % (m.group(1), dates[1], m.group(1)), xmp)
    return _XMP_DATE.sub(b"", xmp)


def _uuid(digest: bytes) -> bytes:
    h = digest.lower()
    return b"-".join((h[:8], h[8:12], h[12:16], h[16:20], h[20:32]))
