"""Word templates: which there are (built-in, an office's folder, any .docx), their settings, sandboxed
docx rendering, the template check and field reference; the built-ins are package data."""
from generator.render.registry import TemplateInfo, template_info

__all__ = ["TemplateInfo", "template_info"]
