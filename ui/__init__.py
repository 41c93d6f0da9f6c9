"""Streamlit glue shared by the pages: the frame, cached loading, the sidebar filters, the page context,
download controls and the server's warm start.

This is the only package besides dashboard.py and pages/ that imports Streamlit.
"""
