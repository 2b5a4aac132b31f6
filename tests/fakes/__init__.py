"""Implementations that are not realistic bugs but make the kit reach one outcome class each
(an error, an absent capability), and fake third-party libraries with their adapters, to test
the adapter loader and runs of adapters without installing any third-party package.  Light:
children import them."""
