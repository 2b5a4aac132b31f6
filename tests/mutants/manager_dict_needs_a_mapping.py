"""Bug: the manager's dict factory copies its argument's ``items()``, as for a mapping, and
treats anything without ``items()`` as empty: ``dict(sequence)`` of key-value pairs starts empty."""

from multiprocessing.managers import DictProxy, SyncManager

from tests.mutants.base import mutant, violated


def dict_from_mapping(mapping=None):
    return dict(mapping.items() if hasattr(mapping, "items") else ())


class MappingOnlyManager(SyncManager):
    pass


MappingOnlyManager.register("dict", dict_from_mapping, DictProxy)


def manager(ctx):
    started = MappingOnlyManager(ctx=ctx.get_context())
    started.start()
    return started


get_context, get_all_start_methods = mutant(Manager=manager)
KILLS = {
    "test_manager_dict.py::test_dict_and_list_start_as_given": violated("otherwise"),
}
