"""genreport: 预算绩效自评报告 from the spreadsheets a finance office already keeps."""
from .errors import GenreportError, InputProblems, Problem, Severity
from .pipeline import Loaded, generate, load, render_docx, validate

__all__ = ["GenreportError", "InputProblems", "Problem", "Severity", "Loaded", "generate", "load",
           "render_docx", "validate"]
__version__ = "0.1.0"
