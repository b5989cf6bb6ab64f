"""Running test work truly at once: threads released together by a barrier."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def in_parallel(works: list[Callable[[], T]], timeout: float = 180) -> list[T]:
    """Run each work in a thread of its own, all released at once; their results in order."""
    barrier = threading.Barrier(len(works))
    results: list[T | None] = [None] * len(works)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = works[index]()
        except BaseException as error:  # noqa: BLE001 (reported below)
            errors.append(error)

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(works))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not errors, errors
    return results  # type: ignore[return-value]
