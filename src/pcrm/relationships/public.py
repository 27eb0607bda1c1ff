"""What later areas (opportunities' decision chain, analytics) may use from relationships."""

from pcrm.relationships.schemas import AcquaintanceRead, Closeness, CompetitorRead, Graph, Path
from pcrm.relationships.service import account_graph, closeness, paths_to, who_knows

__all__ = [
    "AcquaintanceRead",
    "Closeness",
    "CompetitorRead",
    "Graph",
    "Path",
    "account_graph",
    "closeness",
    "paths_to",
    "who_knows",
]
