"""The dashboard's read-only data API as HTTP routes (routes.py); its logic lives in gdclusters.api."""

from api.routes import ALLOWED_METHODS, API_PREFIX, CACHE_CONTROL, api_prefix, api_routes, dashboard_dataset

__all__ = ["ALLOWED_METHODS", "API_PREFIX", "CACHE_CONTROL", "api_prefix", "api_routes", "dashboard_dataset"]
