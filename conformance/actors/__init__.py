"""What child processes execute: one module per primitive family.

Actors receive their program as plain data (drawn by Hypothesis in the parent), execute it
against the primitives under test, and return what they observed.  They import neither pytest
nor hypothesis, so spawn and forkserver children start light.
"""
