"""Files wherever they are: local, http(s), S3 and other object stores; Common Crawl by name.

What is here (each module's docstring says more):

* :mod:`~thresher.storage.urls`: a location is a path or a URL, told apart once.
* :mod:`~thresher.storage.files`: :class:`Storage` opens any input for streaming,
  seekable reading, gives its size, globs and lists; one per worker, built from
  a picklable :class:`StorageConfig`.
* :mod:`~thresher.storage.remote`, :mod:`~thresher.storage.http`,
  :mod:`~thresher.storage.objects`: remote reads that survive throttling,
  resets and timeouts (retries with full-jitter backoff, a cut body resumed by
  a range request, at most N connections per host), counted per file in
  :class:`TransferStats`; a file that still fails raises :class:`TransferError`.
* :mod:`~thresher.storage.store` and :mod:`~thresher.storage.markers`: the
  output side: objects written whole (rename on disk, upload-then-visible on
  object stores), then a marker naming them; only markers are trusted.
* :mod:`~thresher.storage.commoncrawl`: ``warc.paths.gz`` lists with
  limit/sample, and CC index records fetched with range requests.
* :mod:`~thresher.storage.members` and :mod:`~thresher.storage.ranges`: a big
  ``.warc.gz`` cut at gzip member boundaries into byte-range shards.

How the run should use this (phase 2 of issue 12)
-------------------------------------------------

Inputs. ``expand_inputs`` keeps its local behaviour and hands anything with a
scheme to :meth:`Storage.glob` (``s3://b/crawl/*.warc.gz``; an http(s) URL is
taken as is). A ``*.paths.gz`` input goes through :func:`load_paths` with
``--cc-base-url``, ``--limit``, ``--sample``, ``--seed``; an index file
(``--cc-index FILE``: CDX, CSV, Parquet) through :func:`load_index` and
:func:`fetch_records`. Inputs are strings (URLs or paths), never ``Path`` on
this side of the reader.

Readers. ``read_warc`` takes an opened binary stream and a source name instead
of opening a ``Path`` (it already works only through
``seek``/``tell``/``read``): the run passes ``storage.open_read(url)``
(``read_warc_stream`` exists for that, and reads a byte range of it too, with
file offsets). A :class:`TransferError` raised while reading (at open, or
mid-file after some records were yielded) must end that input with one rejected
``read`` entry: ``reason="read_error"``, ``detail=str(err)``, the URL as source
and the byte offset reached, never a crashed shard. Careful: the WARC reader's
recovery catches any exception from fastwarc and seeks to resync; it must let a
:class:`TransferError` through rather than scan a file it can no longer read. A
record fetched from the CC index is read from ``io.BytesIO(fetched.data)`` with
``fetched.url`` as source and ``fetched.record.offset`` added to offsets; a
``fetched.error`` becomes a ``read_error`` rejection naming the URL and offset.

Byte-range shards (done: :mod:`thresher.run.ranges`). A big WARC/WET is cut where
the reader's own framing starts afresh (:func:`thresher.readers.warc_index.cut_points`,
one reading of the file, never between two records with one id), not at every
member start :func:`scan_members` finds: a member need not start a record, and a
range's reader must look past its end as the whole file's reading does (a lying
length), so it reads ``read_warc_stream(fh, name, config, source, Span)`` from any
seekable ``fh`` rather than a hard :func:`open_range` view. For a remote input, the
run only needs ``storage.open_read(url)`` (seekable) in ``index_input`` and in phase 0.

Output. ``-o`` may be a URL: the run's commit helper writes through
:func:`open_store` (``LocalStore`` for a path, ``ObjectStore`` for ``s3://``).
Shard files go through ``store.open_write(key)`` (streamed to disk locally,
spooled then uploaded on an object store), then ``write_marker(store, key,
objects)``; resume asks ``read_marker`` and redoes a unit whose marker is
absent, deleting what :func:`unclaimed` lists under its prefix first. The
output-directory lock has no rename-free equivalent on S3 without conditional
writes (``If-None-Match: *``, which s3fs exposes as ``FileExistsError``); until
then a remote output is guarded by the config-hash check alone.

Ray without a shared file system. Workers receive only picklable things:
input URLs, ``ByteRange`` values, the pipeline spec and a
:class:`StorageConfig`. Each worker builds its own :class:`Storage`, reads its
inputs straight from the object store or HTTP, writes its shard objects and
markers straight to the output store, and returns only its stats (including
``storage.all_stats()`` as plain dicts for the manifest: retries, resumes,
bytes per URL). Stages (dedup) exchange their files through the same store
under ``.work/``. The driver never relays data. Credentials reach the workers
by the usual AWS variables or files on each node (or Ray's ``runtime_env``
``env_vars``), never through the pipeline config.

Manifest. ``transfers`` per input URL: ``requests``, ``retries``,
``resumes``, ``bytes``, ``range_ignored``; totals in the counts.
"""

from __future__ import annotations

from thresher.storage.commoncrawl import (
    CC_BASE_URL,
    FetchedRecord,
    IndexFormatError,
    IndexRecord,
    MemberStream,
    Sample,
    fetch_records,
    load_index,
    load_paths,
    select,
)
from thresher.storage.files import Storage, StorageConfig
from thresher.storage.markers import (
    Marker,
    MarkerError,
    check_marker,
    has_marker,
    read_marker,
    unclaimed,
    write_marker,
)
from thresher.storage.members import Member, member_starts, scan_members
from thresher.storage.objects import MissingBackendError
from thresher.storage.ranges import ByteRange, open_range, split_by_size, split_ranges
from thresher.storage.retry import RetryPolicy, TransferError, TransferStats, is_transient
from thresher.storage.store import LocalStore, ObjectStore, Store, open_store
from thresher.storage.urls import Location, is_remote, join, parse

__all__ = [
    "CC_BASE_URL",
    "ByteRange",
    "FetchedRecord",
    "IndexFormatError",
    "IndexRecord",
    "LocalStore",
    "Location",
    "Marker",
    "MarkerError",
    "Member",
    "MemberStream",
    "MissingBackendError",
    "ObjectStore",
    "RetryPolicy",
    "Sample",
    "Storage",
    "StorageConfig",
    "Store",
    "TransferError",
    "TransferStats",
    "check_marker",
    "fetch_records",
    "has_marker",
    "is_remote",
    "is_transient",
    "join",
    "load_index",
    "load_paths",
    "member_starts",
    "open_range",
    "open_store",
    "parse",
    "read_marker",
    "scan_members",
    "select",
    "split_by_size",
    "split_ranges",
    "unclaimed",
    "write_marker",
]
