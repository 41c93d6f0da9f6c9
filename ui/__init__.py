"""Streamlit glue shared by the pages: cached loading, the sidebar filters, the page context.

This is the only package besides dashboard.py and pages/ that imports Streamlit.
"""
