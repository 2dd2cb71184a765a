"""The visa catalogue: SQLAlchemy models, the YAML loader and the query API.

Nothing in this package knows about Rasa: it can be used from scripts, tests and any front end.
"""

from actions.catalogue.loader import CatalogueError, load_catalogue
from actions.catalogue.queries import Catalogue

__all__ = ["Catalogue", "CatalogueError", "load_catalogue"]
