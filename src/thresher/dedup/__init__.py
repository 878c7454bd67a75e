"""Deduplication: global stages joined by files on disk.

Four stages (registered in :mod:`thresher.dedup.stages`), in the order a pipeline
usually wants them:

``url_dedup``
    same normalized URL (:mod:`~thresher.dedup.normalize`): keep the latest fetch.
``exact_dedup``
    same normalized text (NFKC, lowercase, no punctuation, collapsed spaces).
``boilerplate_lines``
    lines that repeat, in a window of neighbouring lines, over many pages of a host
    (:mod:`~thresher.dedup.boilerplate`); edits the text and records each removed line.
``minhash_dedup``
    near duplicates: MinHash signatures (:mod:`~thresher.dedup.minhash`), LSH band
    buckets and confirmed pairs (:mod:`~thresher.dedup.lsh`), connected components
    (:mod:`~thresher.dedup.unionfind`), one survivor per cluster
    (:mod:`~thresher.dedup.groups`).

Pure functions (normalization, shingles and signatures, window keys, union-find) know
nothing of pipelines; the stages are thin adapters. Every analysis task writes its
files atomically and a ``.done`` marker (:mod:`~thresher.dedup.tasks`), so a killed
stage resumes, and every result is independent of worker count and task order. The
keep rule (:mod:`~thresher.dedup.keep`) is a total order: earliest fetch date, then
id, then input position, by default.

numpy is a core dependency of this package (vectorized hashing, sorting and union-find).
"""
