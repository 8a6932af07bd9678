"""The department (部门整体支出) workbook: models, checks, indicators, scoring, template context."""
