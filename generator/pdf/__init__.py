"""PDF output: LibreOffice headless with the font mapping, reproducible bytes, page previews."""
