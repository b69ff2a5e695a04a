"""Reading award lists as people produce them: Excel's French CSV, UTF-8, .xlsx."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from insigne.web.awards.spreadsheets import SpreadsheetError, read_table

from .test_awards_support import xlsx

ROWS = "courriel;nom;Communiquer\ncamille@example.org;Camille Hébert;Maîtrise\n"


def test_excel_french_csv_in_windows_1252_with_semicolons_is_read() -> None:
    table = read_table("liste.csv", ROWS.replace("\n", "\r\n").encode("cp1252"))
    assert table.header == ["courriel", "nom", "Communiquer"]
    assert table.rows == [(2, ["camille@example.org", "Camille Hébert", "Maîtrise"])]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_utf8_csv_with_commas_and_quotes_is_read_with_or_without_bom(bom: bytes) -> None:
    text = 'email,name,narrative\ncamille@example.org,"Hébert, Camille","Dit « bravo »; merci"\n'
    table = read_table("list.csv", bom + text.encode())
    assert table.header == ["email", "name", "narrative"]
    assert table.rows[0][1] == ["camille@example.org", "Hébert, Camille", "Dit « bravo »; merci"]


def test_utf16_text_export_with_tabs_is_read() -> None:
    text = "courriel\tnom\ncamille@example.org\tCamille Hébert\n"
    table = read_table("liste.txt", text.encode("utf-16"))
    assert table.rows == [(2, ["camille@example.org", "Camille Hébert"])]


def test_blank_lines_are_left_out_but_line_numbers_stay_those_of_the_file() -> None:
    table = read_table("l.csv", b"\n\ncourriel\n\na@example.org\n,\nb@example.org\n")
    assert table.header == ["courriel"]
    assert table.rows == [(5, ["a@example.org"]), (7, ["b@example.org"])]


def test_xlsx_first_sheet_is_read_with_dates_and_numbers_as_text() -> None:
    data = xlsx(
        [
            ["Courriel", "Nom", "Date", "Communiquer"],
            ["a@example.org", "Ana", datetime(2025, 3, 12), 2],
            [None, None, None, None],
            ["b@example.org", "Bob", date(2024, 1, 5), "Maîtrise"],
        ]
    )
    table = read_table("liste.xlsx", data)
    assert table.header == ["Courriel", "Nom", "Date", "Communiquer"]
    assert table.rows == [
        (2, ["a@example.org", "Ana", "2025-03-12", "2"]),
        (4, ["b@example.org", "Bob", "2024-01-05", "Maîtrise"]),
    ]


def test_more_rows_than_the_limit_are_refused() -> None:
    data = ("courriel\n" + "a@example.org\n" * 11).encode()
    with pytest.raises(SpreadsheetError, match="plus de 10 lignes"):
        read_table("l.csv", data, max_rows=10)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("vide.csv", b"", "vide"),
        ("vide.csv", b"\n \n", "vide"),
        ("ancien.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, ".xls"),
        ("faux.xlsx", b"PK\x03\x04pas un zip", "illisible"),
        ("faux.xlsx", b"ceci n'est pas un classeur", "illisible"),
        ("binaire.csv", b"a\x00b\x00c\n", "lisible"),
        ("binaire.csv", bytes([0x81, 0x8D, 0x8F, 0x90]) * 10, "encodage"),
    ],
)
def test_unreadable_files_get_a_plain_message(name: str, data: bytes, message: str) -> None:
    with pytest.raises(SpreadsheetError, match=message):
        read_table(name, data)


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "bonjour")
    with pytest.raises(SpreadsheetError, match="illisible"):
        read_table("x.xlsx", buffer.getvalue())
