"""Serving the dashboard in production: Streamlit replicas behind nginx (replicas.py, nginx.conf.template)."""
