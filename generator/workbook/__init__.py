"""Reading .xlsx workbooks: cells with their addresses, conversion, sheet schema, the blank `init` workbook."""
