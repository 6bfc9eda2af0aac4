"""Reports over many approvals: the spreadsheet export of a template and the statistics."""
