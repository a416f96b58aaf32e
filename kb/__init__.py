"""LLM Knowledge Base: the content model and the pure functions that check, render and index the content.

hooks/ (MkDocs), scripts/ and tests/ all import from here; nothing here imports MkDocs.
"""
