"""Which assignment a learner's file is of: from the whole set of names and signatures it defines.

A name only one assignment has is evidence for it (``linear_forward``: the cat network;
``backward_propagation_with_dropout``: Regularization). A name several share (``predict``,
``initialize_parameters``, ``forward_propagation``) counts for those whose signature it has,
when not all of them have it; a course's own helper (``reg_utils``' ``predict``) never counts.
The assignment with evidence wins; when two have it, the file is told both and asked to say
which (``--assignment``); a file of none is told the assignments known and the names looked for.
Read from the source, statically: nothing of the learner's runs before the checker knows what to
supply it with.
"""

import ast
import inspect
from dataclasses import dataclass, field

from reference.engine.contract import normal

__all__ = ["Recognition", "recognise", "defined_in_source", "defined_in_mapping"]


@dataclass
class Recognition:
    """The assignment found (None when none or several fit), the evidence, and the words."""

    assignment: object | None
    evidence: dict = field(default_factory=dict)  # assignment name -> [function names]
    message: str = ""


def _parameters(node):
    arguments = [a.arg for a in (*node.args.posonlyargs, *node.args.args)]
    if arguments and arguments[0] in ("self", "cls"):
        arguments = arguments[1:]
    return arguments


def defined_in_source(sources):
    """{function name: [positional parameters]} of the functions (and methods) ``sources``
    (texts) define, a method also as ``Class.method``; a text that does not parse as a whole is
    read definition by definition."""
    found = {}
    for text in sources:
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            tree = _parse_what_parses(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for method in node.body:
                    if isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        found.setdefault(f"{node.name}.{method.name}", _parameters(method))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found.setdefault(node.name, _parameters(node))
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Lambda):  # relu = lambda Z: ...
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found.setdefault(target.id, _parameters(node.value))
    return found


def _parse_what_parses(text):
    """A module of the top-level definitions of ``text`` that parse on their own (an export with
    printed outputs pasted between its functions)."""
    lines = text.splitlines(True)
    starts = [i for i, line in enumerate(lines) if line.startswith(("def ", "class ", "async def "))]
    body = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        while end > start:
            try:
                body += ast.parse("".join(lines[start:end])).body
                break
            except (SyntaxError, ValueError):
                end -= 1
    return ast.Module(body=body, type_ignores=[])


def defined_in_mapping(mapping):
    """{function name: [positional parameters]} of the callables a namespace holds."""
    found = {}
    for name, value in list(mapping.items()):
        if isinstance(name, str) and callable(value) and not isinstance(value, type):
            try:
                parameters = [p.name for p in inspect.signature(value).parameters.values()
                              if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
            except (TypeError, ValueError):
                continue
            found[name] = parameters
    return found


def _signatures(row):
    return [list(row.arguments), *[list(s) for s in row.signatures]]


def _fits(parameters, row):
    wanted = [normal(p) for p in parameters]
    return any([normal(a) for a in signature] == wanted for signature in _signatures(row))


def _evidence(defined, assignments):
    """{assignment name: [the names that speak for it]}."""
    owners = {}
    for each in assignments:
        for row in each.functions:
            owners.setdefault(row.name, []).append((each, row))
    evidence = {each.name: [] for each in assignments}
    for name, parameters in defined.items():
        rows = owners.get(name, [])
        if len(rows) == 1:
            evidence[rows[0][0].name].append(name)
        elif rows:
            # Only the rows learners write count (reg_utils' own predict(X, y, parameters) says nothing): the
            # assignments whose row fits, when not every such row does.
            graded = [(each, row) for each, row in rows if not row.helper]
            fitting = [each for each, row in graded if _fits(parameters, row)]
            if fitting and (len(fitting) < len(graded) or len(graded) == 1):
                for each in fitting:
                    evidence[each.name].append(name)
    return {k: v for k, v in evidence.items() if v}


def _clearly_ahead(first, second):
    """A file with many functions of one assignment and a stray name of another is the first's;
    two assignments each with several names, or one each, are asked about."""
    return first > second and second < max(2, first / 2)


def recognise(defined, assignments):
    """The Recognition of a file defining ``defined`` ({name: [parameters]})."""
    evidence = _evidence(defined, assignments)
    by_name = {each.name: each for each in assignments}
    ranked = sorted(evidence.items(), key=lambda kv: -len(kv[1]))
    if ranked and (len(ranked) == 1 or _clearly_ahead(len(ranked[0][1]), len(ranked[1][1]))):
        name = ranked[0][0]
        own = set(by_name[name].table)  # sigmoid is logistic_regression's and, a helper, the cat network's too
        others = "; ".join(f"{', '.join(foreign)} ({other}'s)" for other, names in ranked[1:]
                           if (foreign := [n for n in names if n not in own]))
        message = f"also defines {others}: checked as {name}, where they are not graded" if others else ""
        return Recognition(by_name[name], evidence, message)
    if not evidence:
        known = "; ".join(f"{each.name} ({each.describe()}: {', '.join(each.graded[:4])}, ...)"
                          for each in assignments)
        return Recognition(None, evidence, f"defines none of the functions of the assignments known: {known}")
    shown = "; ".join(f"{name} ({', '.join(names[:4])}{', ...' if len(names) > 4 else ''})" for name, names in ranked)
    return Recognition(None, evidence, f"defines functions of more than one assignment: {shown}; say which with "
                                       f"--assignment {' or --assignment '.join(name for name, _ in ranked)}")
