"""Kinds of workbook (部门整体支出, 项目支出), each behind one `Kind` record; see registry."""
