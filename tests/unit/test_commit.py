"""The commit helper: files appear whole or not at all, markers come last, leftovers go."""

from __future__ import annotations

from pathlib import Path

import pytest

from thresher.run.commit import TEMP_PREFIX, LocalStore, as_store


def test_a_pending_file_is_invisible_until_committed(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    pending = store.create("data/a.txt")
    pending.file.write(b"half")
    assert not store.exists("data/a.txt")
    assert store.list() == []
    pending.file.write(b" and the rest")
    pending.commit()
    assert store.get("data/a.txt") == b"half and the rest"
    assert [p.name for p in (tmp_path / "data").iterdir()] == ["a.txt"]


def test_an_exception_discards_the_file(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    with pytest.raises(KeyError), store.create("a.txt") as out:
        out.file.write(b"never")
        raise KeyError("boom")
    assert list(tmp_path.iterdir()) == []


def test_two_writers_of_one_file_never_share_a_temporary(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    first, second = store.create("a.txt"), store.create("a.txt")
    first.file.write(b"first")
    second.file.write(b"second")
    assert len(list(tmp_path.iterdir())) == 2
    first.commit()
    second.commit()  # the last commit wins, and neither trips over the other
    assert store.get("a.txt") == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_markers_carry_a_payload_and_absent_means_not_done(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    assert store.marked("done/x") is None
    store.mark("done/x", '{"records_in": 3}')
    assert store.marked("done/x") == '{"records_in": 3}'
    store.mark("done/y")
    assert store.marked("done/y") == ""


def test_clean_temps_removes_only_what_killed_writers_left(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    store.put("data/kept.txt", b"kept")
    abandoned = store.create("data/lost.txt")  # a writer killed before its commit
    abandoned.file.write(b"partial")
    abandoned.file.close()
    (tmp_path / ".hidden-but-committed").write_text("mine")
    removed = store.clean_temps()
    assert len(removed) == 1 and removed[0].startswith(f"data/{TEMP_PREFIX}lost.txt.")
    assert store.list() == [".hidden-but-committed", "data/kept.txt"]


def test_remove_takes_a_file_or_a_folder_and_ignores_absent_ones(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    store.put("a/b/c.txt", b"1")
    store.put("a/d.txt", b"2")
    store.remove("a/b")
    assert store.list() == ["a/d.txt"]
    store.remove("a/d.txt")
    store.remove("nothing/here")
    assert store.list() == []


def test_sub_stores_share_the_files(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    store.sub("data").put("x.txt", b"x")
    assert store.list("data") == ["data/x.txt"]
    assert isinstance(as_store(tmp_path / "data"), LocalStore)
    assert as_store(store) is store


@pytest.mark.parametrize("key", ["", "/abs", "../up", "a/../../b"])
def test_keys_stay_inside_the_store(tmp_path: Path, key: str) -> None:
    with pytest.raises(ValueError, match="relative key"):
        LocalStore(tmp_path).create(key)
