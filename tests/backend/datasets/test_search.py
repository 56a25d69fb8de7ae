"""Record search (GET /api/datasets/{id}/records?q=) and the 1-based record numbers the UI and messages share."""

from __future__ import annotations

import json
from typing import Any

from backend.datasets.search import matches, scan


def _chat(user: str, assistant: str) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": user}, {"role": "assistant", "content": assistant}]}


RECORDS = [
    _chat("What is a bolt?", "A threaded FASTENER."),
    _chat('Quote: "torque"', 'Say "torque"\nthen stop.'),
    _chat("Straße", "A street."),
    _chat("Nothing here", "Nor here."),
    _chat("Another fastener?", "Yes, a rivet."),
]


def _lines(records: list[dict[str, Any]]) -> list[bytes]:
    return [(json.dumps(r, ensure_ascii=False) + "\n").encode() for r in records]


def _jsonl(records: list[dict[str, Any]]) -> bytes:
    return b"".join(_lines(records))


def test_matching_ignores_case_and_structural_fields() -> None:
    assert matches(RECORDS[0], "fastener")
    assert not matches(RECORDS[3], "user") and not matches(RECORDS[3], "assistant")  # roles are not text
    assert matches({"text": "x", "source": "Manual.PDF"}, "manual.pdf")  # metadata strings are searchable


def test_scan_finds_text_json_escapes_and_case_folds() -> None:
    lines = _lines(RECORDS)
    assert [i for i, _ in scan(lines, "FASTENER", 0, 10)[0]] == [0, 4]
    assert [i for i, _ in scan(lines, 'say "torque"', 0, 10)[0]] == [1]  # a quote is escaped in the stored line
    assert [i for i, _ in scan(lines, '"\nthen', 0, 10)[0]] == [1]  # so is a line break
    assert [i for i, _ in scan(lines, "STRASSE", 0, 10)[0]] == [2]  # ß folds to ss


def test_scan_pages_and_stops_after_a_bounded_number_of_records() -> None:
    lines = _lines(RECORDS)
    first, resume = scan(lines, "fastener", 0, 1)
    assert [i for i, _ in first] == [0] and resume == 1
    second, resume = scan(lines, "fastener", resume, 1)
    assert [i for i, _ in second] == [4] and resume is None
    # A scan budget of two records ends the page early, empty, and says where to go on.
    page, resume = scan(lines, "rivet", 0, 10, max_scan=2)
    assert page == [] and resume == 2
    page, resume = scan(lines, "rivet", resume, 10, max_scan=2)
    assert page == [] and resume == 4
    page, resume = scan(lines, "rivet", resume, 10, max_scan=2)
    assert [i for i, _ in page] == [4] and resume is None


def test_search_through_the_api_with_numbers_and_paging(api: Any) -> None:
    created = api.post("/api/datasets", files={"file": ("f.jsonl", _jsonl(RECORDS))})
    assert created.status_code == 201, created.text
    url = f"/api/datasets/{created.json()['id']}/records"

    page = api.get(url, params={"q": "fastener", "limit": 1}).json()
    assert [(i["index"], i["number"]) for i in page["items"]] == [(0, 1)]
    assert page["total"] == len(RECORDS) and page["q"] == "fastener" and page["next_offset"] == 1
    rest = api.get(url, params={"q": "fastener", "offset": page["next_offset"]}).json()
    assert [(i["index"], i["number"]) for i in rest["items"]] == [(4, 5)] and rest["next_offset"] is None
    assert rest["items"][0]["record"]["messages"][0]["content"] == "Another fastener?"

    none = api.get(url, params={"q": "no such words"}).json()
    assert none["items"] == [] and none["next_offset"] is None

    blank = api.get(url, params={"q": "  "}).json()  # an empty search is the plain listing
    assert [i["number"] for i in blank["items"]] == [1, 2, 3, 4, 5] and blank["q"] is None

    too_long = api.get(url, params={"q": "x" * 201})
    assert too_long.status_code == 422 and too_long.json()["field"] == "q"


def test_messages_name_records_by_the_number_the_ui_shows(api: Any) -> None:
    created = api.post("/api/datasets", files={"file": ("f.jsonl", _jsonl(RECORDS))}).json()
    missing = api.get(f"/api/datasets/{created['id']}/records/9/mask-preview")
    assert missing.status_code == 404
    assert "records #1 to #5" in missing.json()["detail"] and "no record #10 (index 9)" in missing.json()["detail"]
