"""Course 2, week 1, "Gradient Checking": the learner writes the checker (two-sided differences) itself.

``math`` holds the JAX math its functions are checked against; ``planted_bugs`` the course's
``backward_propagation_n`` as handed out, with its two deliberate bugs; manual_dnn.gradient_checking
is the hand-written numpy reference. The declarations on the engine come with issue 17's engine.
"""
