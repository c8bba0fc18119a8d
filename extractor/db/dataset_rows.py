"""The rows of the store's Parquet dataset for one analysis, by table, with their partition: made here so that a
pool worker can make them (``extractor.db.payload``) without the store, which the dataset's writer
(``extractor.db.parquet``) uses."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from ..records import Analysis
from ..store.export import TABLES, Table, document_rows, provision_rows, quantity_rows, reference_rows, section_rows
from ..store.rows import Row, table_schema
from .schema import DATASET_TABLES, province_code

UNKNOWN_PROVINCE, UNKNOWN_YEAR = "xx", "unknown"


class Partition(NamedTuple):
    """One partition: the province's 2-digit division code (``xx`` unknown) and the year (``unknown``)."""

    province: str
    year: str

    @property
    def folder(self) -> str:
        """``province=41/year=2023``."""
        return f"province={self.province}/year={self.year}"


def partition_key(province_code: str | None, year: int | str | None) -> Partition:
    """The partition of a document from its province code (or its 12-digit division code) and year.

    >>> partition_key("410000000000", 2023)
    Partition(province='41', year='2023')
    >>> partition_key(None, None)
    Partition(province='xx', year='unknown')
    >>> partition_key("河南", "20x3")
    Partition(province='xx', year='unknown')
    """
    code = (province_code or "")[:2]
    text = str(year) if year is not None else ""
    return Partition(code if len(code) == 2 and code.isascii() and code.isdigit() else UNKNOWN_PROVINCE,
                     text if len(text) == 4 and text.isascii() and text.isdigit() else UNKNOWN_YEAR)


def analysis_year(a: Analysis) -> int | None:
    """The document's year: of its date, else of its 文号 (平人社就业〔2023〕11号 → 2023)."""
    d = a.document
    if d.date is not None:
        return d.date.year
    return d.doc_number.year if d.doc_number is not None else None


def partition_of(a: Analysis) -> Partition:
    """The partition of an analysis: its province (``00`` for a national document without a code), its year;
    the store's ``documents.province_code`` and ``year``."""
    return partition_key(province_code(a.document.region_code, a.document.level), analysis_year(a))


_ROWS: dict[Table, Callable[[list[Analysis]], Iterator[Row]]] = {
    "documents": lambda a: document_rows(x.document for x in a),
    "sections": lambda a: section_rows(x.document for x in a),
    "quantities": quantity_rows,
    "provisions": provision_rows,
    "references": lambda a: reference_rows(x.document for x in a),
}


def partitioned_table(table: Table, analyses: list[Analysis]) -> Any:
    """The rows of ``table`` for ``analyses`` with their partition columns (which the files do not keep)."""
    import pyarrow as pa

    rows: list[Row] = []
    for a in analyses:
        p = partition_of(a)
        rows += [r | {"province": p.province, "year": p.year} for r in _ROWS[table]([a])]
    schema = table_schema(TABLES[table]).append(pa.field("province", pa.string())).append(pa.field("year", pa.string()))
    return pa.Table.from_pylist(rows, schema=schema)


def document_tables(a: Analysis) -> dict[str, bytes]:
    """The dataset rows of one analysis, by table (those with rows), as Arrow IPC streams with its partition
    columns: what a pool worker makes beside the store's rows, so that the main process only reads them back
    (no analysis unpickled, no row made there) when it writes the dataset."""
    import pyarrow as pa

    out: dict[str, bytes] = {}
    for table in DATASET_TABLES:
        data = partitioned_table(table, [a])
        if data.num_rows:
            sink = pa.BufferOutputStream()
            with pa.ipc.new_stream(sink, data.schema) as writer:
                writer.write_table(data)
            out[table] = sink.getvalue().to_pybytes()
    return out
