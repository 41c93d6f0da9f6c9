"""ui.memo.per_object: a conversion done once per live object, never returned for another object."""

from __future__ import annotations

import gc

import pandas as pd

from ui.memo import per_object


class Box:
    """A plain object that, like an Altair chart, is not hashable by value."""

    __hash__ = None  # type: ignore[assignment]

    def __init__(self, value):
        self.value = value


def counting(values: list):
    def convert(obj):
        values.append(obj.value)
        return {"value": obj.value}

    return per_object(convert)


def test_same_object_is_converted_once_and_shares_the_result():
    calls: list = []
    convert = counting(calls)
    box = Box(1)
    first = convert(box)
    assert convert(box) is first
    assert len(calls) == 1


def test_an_equal_but_different_object_is_converted_again():
    calls: list = []
    convert = counting(calls)
    a, b = Box(1), Box(1)
    assert convert(a) is not convert(b)
    assert len(calls) == 2


def test_a_collected_object_drops_its_entry_and_its_id_never_returns_the_old_result():
    calls: list = []
    convert = counting(calls)
    box = Box("old")
    convert(box)
    assert convert.cache_size() == 1
    del box
    gc.collect()
    assert convert.cache_size() == 0
    # Objects made now may reuse the dead one's id; each gets its own value.
    for value in range(50):
        assert convert(Box(value)) == {"value": value}


def test_frames_are_keyed_by_identity():
    calls: list = []
    convert = per_object(lambda frame: calls.append(1) or int(frame["x"].sum()))
    frame = pd.DataFrame({"x": [1, 2]})
    assert convert(frame) == 3
    assert convert(frame.copy()) == 3
    assert len(calls) == 2
