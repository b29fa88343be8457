"""A method of an object the checker builds: ``TwoLayerNet.loss`` called on a new ``TwoLayerNet(...)``.

A row named ``Class.method`` is found where the learner's code defines the class or imports it and the
class has that method. It is called as ``function(spec, *arguments)``, ``spec`` saying how to build
the object: ``{"arguments": [...], "keywords": {...}, "attributes": {name: value}}`` -- the
constructor's arguments, then attributes set on the new object (copies: the network's ``params`` at
the check point, say), then the method called with the arguments.
"""

import copy
import inspect

__all__ = ["NewInstanceMethod", "find_method", "has_class", "constructor_signature"]


class NewInstanceMethod:
    """``method`` of a new instance of ``cls``, built from the spec each call gets first."""

    def __init__(self, cls, method):
        self.cls, self.method = cls, method
        raw = inspect.getattr_static(cls, method)
        self.__func__ = getattr(raw, "__func__", raw)  # its code: the call graph reads what it names
        self.__name__ = self.__qualname__ = f"{cls.__name__}.{method}"
        self.__module__ = getattr(cls, "__module__", None)
        try:
            parameters = list(inspect.signature(self.__func__).parameters.values())
        except (TypeError, ValueError):
            parameters = None
        if parameters is not None and not isinstance(raw, staticmethod):
            parameters = parameters[1:]  # self (or cls)
        if parameters is not None:
            self.__signature__ = inspect.Signature(parameters)

    def __call__(self, spec, *args):
        instance = self.cls(*spec.get("arguments", ()), **spec.get("keywords", {}))
        for name, value in spec.get("attributes", {}).items():
            setattr(instance, name, copy.deepcopy(value))
        return getattr(instance, self.method)(*args)


def _class_named(mapping, containers, name):
    value = mapping.get(name)
    if isinstance(value, type):
        return value
    for container, _ in containers:
        inner = getattr(container, name, None) if not isinstance(container, type) else None
        if isinstance(inner, type):
            return inner
    return None


def find_method(mapping, containers, dotted):
    """A NewInstanceMethod for ``Class.method`` where the namespace has the class and the class the
    method; else None."""
    class_name, _, method = dotted.partition(".")
    cls = _class_named(mapping, containers, class_name)
    if cls is None or not method:
        return None
    try:
        raw = inspect.getattr_static(cls, method)
    except AttributeError:
        return None
    if not callable(getattr(raw, "__func__", raw)):
        return None
    return NewInstanceMethod(cls, method)


def has_class(mapping, containers, dotted):
    """Whether the namespace has the class of ``Class.method``."""
    return _class_named(mapping, containers, dotted.partition(".")[0]) is not None


def constructor_signature(cls):
    """[[parameter, has a default], ...] of ``cls(...)`` (its ``__init__`` without self), or None when it
    takes *args or cannot be read."""
    try:
        parameters = list(inspect.signature(cls).parameters.values())
    except (TypeError, ValueError):
        return None
    if any(p.kind == p.VAR_POSITIONAL for p in parameters):
        return None
    return [[p.name, p.default is not p.empty] for p in parameters
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
