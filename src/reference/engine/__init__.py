"""The engine: a function to check, declared as data, turned into checks, oracles and a report.

An assignment (``reference.assignments.<name>``, an ``Assignment``) is a table of ``Function``
rows, a way to draw check points, and the course's helper modules rebuilt from manual_dnn. One
row says everything the engine needs to judge one function of it:

- its contract: ``name``, ``arguments`` (the course's names, which are also the keys of the
  point's values it is called with), ``returns`` (a name, a tuple of structures, ``Keys(...)``
  for a dict), other course versions' ``signatures`` and ``alternatives`` (reported as a
  difference, never failed), ``calls``/``needs`` (root causes follow them), ``helper``/``graded``;
- its math: ``math`` (jax.numpy, written with ``engine.ops`` so that the same function serves
  autodiff, central differences and the complex step; named with ``Lazy`` so that reading the
  table never imports JAX), ``math_inputs`` (point values, or ``(name, pick)`` to read one from
  a prepared value such as the learner's own cache), ``math_outputs``;
- what is judged: ``judge`` maps returned names to ``Value(math output)`` or
  ``Gradient(math input, scale)``; ``cotangent`` maps math outputs to the argument holding their
  upstream gradient (a scalar loss needs none);
- how it is called: ``prepare`` (a cache ``from_point``, ``from_course`` or ``from_learner``'s
  own forward), ``variants`` (each activation or mode, with its own math, complex step and
  numerical oracles; or values drawn with the point: another hyperparameter set), ``mutable``
  arguments; ``math_static`` point values the math takes as keywords (a stride, a padding);
- where the math has no derivative: the point family redraws (``Points.problems``) and
  ``invalid(values)`` makes the numerical oracles INVALID there, never FAIL (and JAX's VJP too,
  ``vjp_at_invalid`` False, where no convention exists: a tie in a max); ``complex_step``
  False where the math is not analytic;
- what learners meet: ``graded`` False (the course's optional functions) turns an unfilled template
  into "not done" (``unfilled``), never a failure; ``excuse`` makes a failure that the course's own
  template causes INVALID with its reason (the ``[pad:-pad]`` slice at pad 0); NumPy-1 code that this
  NumPy refuses and a global only a test cell assigns are named in the failure itself;
- what needs code: ``custom`` hooks after the generic judge, or ``check`` instead of it (a
  training loop: ``engine.descent.descent``; a learner's own gradient checker).

Modules: ``declarations`` (the row), ``points`` (drawing), ``oracles`` (JAX values, VJP, central
differences, complex step; compiled once per shape; float64 inside each call), ``contract``
(calling with the learner's own signature, reading what came back), ``judging`` (one row at one
point), ``descent`` (training loops), ``checking`` (a whole assignment into a Report), ``api``
(``check_backward`` for anyone's own layer), ``assignment`` (the Assignment), ``unfilled`` (the
course's templates left unfilled), ``ops``.
"""
