"""Logic for the Guangdong strategic industrial clusters dashboard.

Nothing in this package imports Streamlit: it loads and validates the data, joins it to the
boundaries, computes growth and status, and builds charts, maps and exports as plain objects.
"""
