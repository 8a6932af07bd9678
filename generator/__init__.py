"""genreport: 预算绩效自评报告 from the spreadsheets a finance office already keeps."""
__version__ = "0.1.0"

from generator.errors import GenreportError, InputProblems, Problem, Severity  # noqa: E402
from generator.pipeline import Loaded, Options, generate, generate_all, load, render_docx, to_pdf, validate  # noqa: E402

__all__ = ["GenreportError", "InputProblems", "Problem", "Severity", "Loaded", "Options", "generate",
           "generate_all", "load", "render_docx", "to_pdf", "validate"]
