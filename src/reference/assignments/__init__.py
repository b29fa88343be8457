"""The assignments the checker knows, one package each: its functions (a table of declarations),
the JAX math they are checked against (``math.py``), the course's helper modules its learners import,
rebuilt from manual_dnn, and how a file of it is recognised.

Being built (issue 17).
"""
