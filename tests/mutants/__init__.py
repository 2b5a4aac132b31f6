"""Deliberately broken implementations, each with one realistic bug.

Each module is a drop-in for ``--mp-impl``: it exposes ``get_context`` and
``get_all_start_methods`` and wraps the standard library's contexts, replacing one factory with a
broken one.  Modules here must stay light (no pytest, no hypothesis): children import them.
"""
