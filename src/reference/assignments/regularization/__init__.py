"""Course 2, week 1, "Regularization": L2 regularization and inverted dropout on a three-layer network.

``math`` holds the JAX math its functions are checked against; manual_dnn.regularization is the
hand-written numpy reference. The declarations on the engine come with issue 17's engine.
"""
