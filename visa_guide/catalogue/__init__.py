"""The visa catalogue: SQLAlchemy models, the YAML loader and the query API.

Nothing in this package knows about Rasa: it can be used from scripts, tests and any front end.
"""

from visa_guide.catalogue.loader import CatalogueError, load_catalogue
from visa_guide.catalogue.queries import Catalogue

__all__ = ["Catalogue", "CatalogueError", "load_catalogue"]
