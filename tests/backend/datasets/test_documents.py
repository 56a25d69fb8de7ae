"""PDF and DOCX documents through the real upload API: page and section boundaries kept, clear refusals."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from backend.datasets.formats.text import CHUNK_CHARS


def _pdf(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF written by hand: one page per entry, each line drawn with Helvetica."""
    objects: list[bytes] = []
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, lines in enumerate(pages):
        ops = ["BT", "/F1 11 Tf", "14 TL", "40 800 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops += [f"({escaped}) Tj", "T*"]
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _encrypted(pdf: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _blank_pdf(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _docx(build: Any) -> bytes:
    document = docx.Document()
    build(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _upload(api: Any, name: str, content: bytes, **form: str) -> Any:
    return api.post("/api/datasets", files={"file": (name, content)}, data=form)


def _records(api: Any, dataset_id: str) -> list[dict[str, Any]]:
    page = api.get(f"/api/datasets/{dataset_id}/records", params={"limit": 200}).json()
    assert page["next_offset"] is None
    return [item["record"] for item in page["items"]]


def _refused(api: Any, data_dir: Path, name: str, content: bytes, words: str) -> str:
    response = _upload(api, name, content)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["field"] == "file" and name in body["detail"] and words in body["detail"], body
    assert api.get("/api/datasets").json()["items"] == []
    assert list((data_dir / "artifacts" / ".staging").iterdir()) == []  # nothing half-written
    return str(body["detail"])


def test_pdf_gives_one_record_per_page_with_its_number(api: Any) -> None:
    pages = [["Scope of this standard.", "It applies to bolts."], [], ["Definitions (terms) follow."]]
    content = _pdf(pages)
    assert len(PdfReader(io.BytesIO(content)).pages) == 3  # the hand-written PDF is valid for a real reader
    response = _upload(api, "standard.pdf", content)
    assert response.status_code == 201, response.text
    dataset = response.json()
    assert (dataset["format"], dataset["source_format"], dataset["detection_confidence"]) == ("text", "pdf", 1.0)
    records = _records(api, dataset["id"])
    # The empty page 2 gives no record; the others keep their page numbers, 1-based as viewers show them.
    assert [r["page"] for r in records] == [1, 3]
    assert all(r["source"] == "standard.pdf" for r in records)
    assert "Scope of this standard." in records[0]["text"] and "It applies to bolts." in records[0]["text"]
    assert records[1]["text"].strip() == "Definitions (terms) follow."
    assert dataset["record_count"] == 2


def test_a_long_pdf_page_is_cut_without_crossing_pages(api: Any) -> None:
    sentence = "Each specimen shall be conditioned at 23 degrees for forty hours before the test. "
    long_page = [sentence] * (2 * CHUNK_CHARS // len(sentence) + 5)
    response = _upload(api, "long.pdf", _pdf([long_page, ["Annex A."]]))
    assert response.status_code == 201, response.text
    records = _records(api, response.json()["id"])
    first = [r for r in records if r["page"] == 1]
    assert len(first) >= 2 and all(len(r["text"]) <= CHUNK_CHARS for r in first)
    assert records[-1] == {"text": "Annex A.", "source": "long.pdf", "page": 2}


def test_pdf_encrypted_with_an_empty_user_password_opens(api: Any) -> None:
    response = _upload(api, "restricted.pdf", _encrypted(_pdf([["Copying is restricted."]]), ""))
    assert response.status_code == 201, response.text
    assert _records(api, response.json()["id"])[0]["text"].strip() == "Copying is restricted."


def test_password_protected_pdf_is_refused_saying_what_to_do(api: Any, data_dir: Path) -> None:
    detail = _refused(api, data_dir, "secret.pdf", _encrypted(_pdf([["Secret."]]), "s3cret"), "password-protected")
    assert "unprotected copy" in detail


def test_pdf_without_a_text_layer_asks_for_ocr(api: Any, data_dir: Path) -> None:
    detail = _refused(api, data_dir, "scan.pdf", _blank_pdf(2), "no extractable text")
    assert "2 page(s)" in detail and "OCR" in detail


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(_pdf([["Truncated."]])[:150], id="truncated"),
        pytest.param(b"%PDF-1.7\n" + bytes(range(256)) * 20, id="garbage-after-header"),
    ],
)
def test_corrupt_pdf_is_a_clear_422(api: Any, data_dir: Path, content: bytes) -> None:
    detail = _refused(api, data_dir, "broken.pdf", content, "cannot be read")
    assert "upload it again" in detail


def test_a_file_named_pdf_that_is_not_one(api: Any, data_dir: Path) -> None:
    _refused(api, data_dir, "notes.pdf", b"just some text", "is not a PDF")


def test_docx_gives_one_record_per_heading_section(api: Any) -> None:
    def build(d: Any) -> None:
        d.add_paragraph("Front matter before any heading.")
        d.add_heading("1 Scope", level=1)
        d.add_paragraph("This standard applies to bolts.")
        d.add_heading("1.1 Exclusions", level=2)
        d.add_paragraph("Rivets are excluded.")
        table = d.add_table(rows=2, cols=2)
        for r, row in enumerate([("Term", "Meaning"), ("M8", "8 mm thread")]):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        d.add_heading("2 Terms", level=1)
        d.add_paragraph("Terms are defined below.")

    response = _upload(api, "standard.docx", _docx(build))
    assert response.status_code == 201, response.text
    dataset = response.json()
    assert (dataset["format"], dataset["source_format"]) == ("text", "docx")
    records = _records(api, dataset["id"])
    assert [r["section"] for r in records] == [
        "(before the first heading)",
        "1 Scope",
        "1 Scope > 1.1 Exclusions",
        "2 Terms",
    ]
    assert records[1]["text"] == "1 Scope\n\nThis standard applies to bolts."
    assert "Rivets are excluded." in records[2]["text"] and "M8 | 8 mm thread" in records[2]["text"]
    assert all(r["source"] == "standard.docx" for r in records)


def test_a_long_docx_section_is_cut_and_keeps_its_section(api: Any) -> None:
    paragraph = "The lessee shall return the premises in the condition in which they were received. " * 6

    def build(d: Any) -> None:
        d.add_heading("Article 12", level=1)
        for _ in range(12):
            d.add_paragraph(paragraph)

    response = _upload(api, "lease.docx", _docx(build))
    assert response.status_code == 201, response.text
    records = _records(api, response.json()["id"])
    assert len(records) >= 3 and all(len(r["text"]) <= CHUNK_CHARS for r in records)
    assert {r["section"] for r in records} == {"Article 12"}
    assert sum(r["text"].count("The lessee") for r in records) == 12 * 6  # nothing lost at the cuts


def test_docx_without_text_is_refused(api: Any, data_dir: Path) -> None:
    _refused(api, data_dir, "empty.docx", _docx(lambda d: d.add_paragraph("   ")), "holds no text")


def test_a_zip_named_docx_that_is_not_a_word_document(api: Any, data_dir: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "hello")
    _refused(api, data_dir, "memo.docx", buf.getvalue(), "not a Word document")


def test_a_docx_bomb_is_not_unpacked(api: Any, data_dir: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("word/document.xml", b"<" + b" " * (80 * 1024 * 1024))
    _refused(api, data_dir, "bomb.docx", buf.getvalue(), "compressed bomb")


def test_a_document_cannot_be_forced_into_another_format_or_mapped(api: Any) -> None:
    content = _pdf([["Text."]])
    wrong = _upload(api, "a.pdf", content, format="alpaca")
    assert wrong.status_code == 422 and "document" in wrong.json()["detail"] and wrong.json()["field"] == "format"
    mapped = _upload(api, "a.pdf", content, columns='{"text": "body"}')
    assert mapped.status_code == 422 and mapped.json()["field"] == "columns"
    forced = _upload(api, "a.pdf", content, format="text")
    assert forced.status_code == 201, forced.text


def test_exported_document_records_reimport_with_their_page_and_section(api: Any) -> None:
    first = _upload(api, "standard.pdf", _pdf([["Scope."], ["Terms."]]))
    assert first.status_code == 201, first.text
    records = _records(api, first.json()["id"])
    lines = "".join(json.dumps(r) + "\n" for r in records).encode()
    again = _upload(api, "standard.jsonl", lines)
    assert again.status_code == 201, again.text
    assert (again.json()["source_format"], again.json()["detection_confidence"]) == ("text", 1.0)
    assert _records(api, again.json()["id"]) == records
    csv = _upload(api, "pages.csv", b"text,page,section\nScope.,3,1 Scope\n")
    assert csv.status_code == 201, csv.text
    assert _records(api, csv.json()["id"]) == [{"text": "Scope.", "page": 3, "section": "1 Scope"}]
    bad = _upload(api, "bad.jsonl", b'{"text": "x", "page": 0}\n')
    assert bad.status_code == 422 and bad.json()["problems"][0]["field"] == "page"
