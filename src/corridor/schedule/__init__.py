"""Scheduling the roundtable's 1:1 meetings: slots, tables, interpreters.

``problem.py`` states the problem without a solver; ``greedy.py``, ``cpsat.py`` and
``bound.py`` solve or bound it; ``validate.py`` checks any schedule independently;
``repair.py`` replans with few changes.
"""
