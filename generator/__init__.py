"""genreport: 预算绩效自评报告 from the spreadsheets a finance office already keeps."""
from .errors import GenreportError, InputProblems, Problem, Severity
from .pipeline import Loaded, Options, generate, generate_all, load, render_docx, to_pdf, validate

__all__ = ["GenreportError", "InputProblems", "Problem", "Severity", "Loaded", "Options", "generate",
           "generate_all", "load", "render_docx", "to_pdf", "validate"]
__version__ = "0.1.0"
