"""Printed approvals: what a viewer may see of an instance (`content`), rendered as a PDF or a print page."""
