"""Word templates: the registry of built-ins, docx rendering, filters; the templates are package data."""
