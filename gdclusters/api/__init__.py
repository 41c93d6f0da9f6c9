"""The read-only data API's logic, without Streamlit or a web framework (api/routes.py serves it over HTTP).

One module per job: query (what a path and its parameters ask for, and what is refused), tables (the rows a
request selects, their citation and ETag), responses (CSV, JSON, the descriptor and errors as bytes), links
(the addresses and snippets a page's "Get this data" control shows). This package re-exports their public names.
"""

from gdclusters.api.links import (
    API_PATH,
    DEFAULT_TABLE,
    PAGE_TABLES,
    FilterIds,
    api_root,
    descriptor_url,
    filter_ids,
    pandas_snippet,
    r_snippet,
    table_url,
    text_id_columns,
    unapplied_filters,
)
from gdclusters.api.query import (
    DESCRIPTOR,
    FILTER_PARAMS,
    FORMATS,
    ApiError,
    TableQuery,
    parse_filters,
    parse_request,
    parse_table_file,
)
from gdclusters.api.responses import (
    MEDIA_TYPES,
    Prepared,
    Reply,
    api_descriptor,
    error_reply,
    json_bytes,
    prepare,
    records,
    respond,
)
from gdclusters.api.tables import (
    citation,
    content_digest,
    entity_tag,
    filter_columns,
    known_ids,
    select_rows,
    table_names,
)

__all__ = [
    "API_PATH",
    "DEFAULT_TABLE",
    "DESCRIPTOR",
    "FILTER_PARAMS",
    "FORMATS",
    "MEDIA_TYPES",
    "PAGE_TABLES",
    "ApiError",
    "FilterIds",
    "Prepared",
    "Reply",
    "TableQuery",
    "api_descriptor",
    "api_root",
    "citation",
    "content_digest",
    "descriptor_url",
    "entity_tag",
    "error_reply",
    "filter_columns",
    "filter_ids",
    "json_bytes",
    "known_ids",
    "pandas_snippet",
    "parse_filters",
    "parse_request",
    "parse_table_file",
    "prepare",
    "r_snippet",
    "records",
    "respond",
    "select_rows",
    "table_names",
    "table_url",
    "text_id_columns",
    "unapplied_filters",
]
