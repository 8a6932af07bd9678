"""Many workbooks in one run: worker, pool, manifest (for --resume), 汇总.xlsx, progress."""
from generator.batch.manifest import Manifest
from generator.batch.run import BatchResult, collect_inputs, run_batch
from generator.batch.summary import SUMMARY_NAME

__all__ = ["BatchResult", "Manifest", "SUMMARY_NAME", "collect_inputs", "run_batch"]
