"""Reading a tagged PDF's structure tree with pypdf, as a screen reader does: the structure
elements in tree order, each with the text of the marked content it owns (MCIDs per page)."""

from __future__ import annotations

from collections import defaultdict
from io import BytesIO
from typing import Any

from pypdf import PdfReader
from pypdf.generic import IndirectObject


def _marked_text(reader: PdfReader) -> dict[tuple[int, int], str]:
    """(page object number, MCID) -> the text drawn inside that marked content."""
    found: dict[tuple[int, int], list[str]] = defaultdict(list)
    for page in reader.pages:
        ref = page.indirect_reference
        page_id = ref.idnum if ref is not None else -1
        stack: list[int | None] = []

        def before(operator: bytes, operands: list[Any], *_: Any, stack: list[int | None] = stack) -> None:
            if operator == b"BDC":
                props = operands[1] if len(operands) > 1 else None
                props = props.get_object() if isinstance(props, IndirectObject) else props
                mcid = props.get("/MCID") if isinstance(props, dict) else None
                stack.append(int(mcid) if mcid is not None else (stack[-1] if stack else None))
            elif operator == b"BMC":
                stack.append(stack[-1] if stack else None)
            elif operator == b"EMC" and stack:
                stack.pop()

        def text(words: str, *_: Any, stack: list[int | None] = stack, page_id: int = page_id) -> None:
            if stack and stack[-1] is not None and words:
                found[(page_id, stack[-1])].append(words)

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return {key: " ".join("".join(parts).split()) for key, parts in found.items()}


def structure(pdf: bytes) -> list[tuple[str, str]]:
    """Every structure element, depth first in tree order: (its type, e.g. "H2", its own text)."""
    reader = PdfReader(BytesIO(pdf))
    marked = _marked_text(reader)
    out: list[tuple[str, str]] = []

    def walk(node: Any, page: int | None) -> str:
        node = node.get_object() if isinstance(node, IndirectObject) else node
        if isinstance(node, int):
            return marked.get((page or -1, node), "")
        if not isinstance(node, dict):
            return ""
        if node.get("/Type") == "/MCR":
            pg = node.get("/Pg")
            return marked.get((pg.idnum if isinstance(pg, IndirectObject) else page or -1, int(node["/MCID"])), "")
        pg = node.get("/Pg")
        page = pg.idnum if isinstance(pg, IndirectObject) else page
        kind = str(node.get("/S", ""))
        index = len(out)
        if kind:
            out.append((kind.lstrip("/"), ""))
        kids = node.get("/K")
        kids = kids if isinstance(kids, list) else [] if kids is None else [kids]
        own = " ".join(t for t in (walk(k, page) for k in kids) if t)
        if kind:
            out[index] = (kind.lstrip("/"), own)
        return own

    root: Any = reader.trailer["/Root"]
    walk(root["/StructTreeRoot"], None)
    return out


def headings(pdf: bytes) -> list[tuple[str, str]]:
    return [(kind, text) for kind, text in structure(pdf) if kind in ("H1", "H2", "H3", "H4", "H5", "H6")]
