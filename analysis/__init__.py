"""Discourse analysis of news outlets: corpus loading, audited cleaning, term frequencies,
keyness, topics and target sentiment per source.

The pipeline runs one way: ``load_corpus`` -> ``clean_corpus`` -> tokens / sentences ->
a measure (a tidy table) -> ``plot_<measure>`` -> ``save_figure``.
"""

__version__ = "0.1.0"
