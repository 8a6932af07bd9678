"""The project (项目支出) workbook: models, checks, scoring, template context."""
