"""Implementations that are not realistic bugs but make the kit reach one outcome class each:
an error (the kit cannot judge), an absent capability (unsupported).  Light: children import
them."""
