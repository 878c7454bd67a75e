"""Executors run independent tasks; the run's result does not depend on which one is used."""

from thresher.executors.local import LocalExecutor

__all__ = ["LocalExecutor"]
