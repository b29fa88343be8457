"""The object a ``Class.method`` row is called on (``TwoLayerNet.loss``): how the checker asks the
learner's own code to build it, as the course's notebook did (``net = TwoLayerNet(D, H, C)``, then
``net.params = {...}``), before the method is called (reference.learner.methods does the building).
"""

from reference.engine.contract import bind, normal
from reference.engine.declarations import Function

__all__ = ["spec"]


def spec(run, row, values):
    """(the spec the learner's class is built with, checks): {"arguments", "keywords", "attributes"}
    from the row's Instance at ``values``; None and a contract failure where the learner's constructor
    cannot be called as the course's code calls it (a different signature alone is a difference)."""
    how = row.instance
    signature = (getattr(run.impl, "constructors", None) or {}).get(row.name)
    constructor = Function(row.name.partition(".")[0], tuple(how.arguments), "object")
    argnames, arguments, checks = bind(constructor, signature, values, run.aliases)
    for check in checks:  # said of the row, about its constructor
        check.function, check.target = row.name, "constructor"
    if arguments is None:
        return None, checks
    free = [p for p, _ in (signature or [])][len(arguments):]  # the learner's parameters not passed by position
    keywords = {p: values[how.keywords[k]] for k in how.keywords for p in free
                if normal(p) == normal(k) and how.keywords[k] in values}  # a value the point lacks: not passed
    attributes = {name: values[value] for name, value in how.attributes.items()}
    return {"arguments": list(arguments), "keywords": keywords, "attributes": attributes}, checks
