"""The numbers the course printed as expected output for course 4 week 1, version by version, beside
the right math at the course's own inputs (tests/gradcheck/test_convolution_published.py recomputes
each with JAX from the notebook's seed and asserts which agree).

Every test cell starts with np.random.seed(1) and draws its inputs with np.random.randn in the order
listed; ``dZ = Z`` where the notebook passes the forward's output to conv_backward.
"""

__all__ = ["PUBLISHED", "BIAS_IN_THE_SUM_NOTE"]

# (function, what is printed, versions, the test cell's inputs, published, the right value)
PUBLISHED = (
    ("conv_single_step", "Z", ("v1",), "a_slice_prev (4, 4, 3), W (4, 4, 3), b (1, 1, 1)",
     -23.1602122025, -6.999089450680221),
    ("conv_single_step", "Z", ("v2", "v2a", "2021+"), "a_slice_prev (4, 4, 3), W (4, 4, 3), b (1, 1, 1)",
     -6.99908945068, -6.999089450680221),
    ("conv_forward", "mean(Z)", ("v1",), "A_prev (10, 4, 4, 3), W (2, 2, 3, 8), b (1, 1, 1, 8), pad 2, stride 1",
     0.155859324889, 0.002812946286486306),
    ("conv_forward", "mean(Z)", ("v2",), "A_prev (10, 4, 4, 3), W (2, 2, 3, 8), b (1, 1, 1, 8), pad 2, stride 2",
     0.0489952035289, 0.04899520352885578),
    ("conv_forward", "mean(Z)", ("v2a",), "A_prev (10, 5, 7, 4), W (3, 3, 4, 8), b (1, 1, 1, 8), pad 1, stride 2",
     0.692360880758, 0.6923608807576931),
    ("conv_forward", "mean(Z)", ("2021+",), "A_prev (2, 5, 7, 4), W (3, 3, 4, 8), b (1, 1, 1, 8), pad 1, stride 2",
     0.5511276474566768, 0.5511276474566764),
    ("conv_backward", "mean(dA_prev)", ("v1",), "the v1 conv_forward cell's cache, dZ = its Z", 9.60899067587,
     4.114581704914984),
    ("conv_backward", "mean(dW)", ("v1",), "the v1 conv_forward cell's cache, dZ = its Z", 10.5817412755,
     9.20367719901416),
    ("conv_backward", "mean(db)", ("v1",), "the v1 conv_forward cell's cache, dZ = its Z", 76.3710691956,
     1.3783436803789684),
    ("conv_backward", "mean(dA_prev)", ("v2", "v2a", "2021+"),
     "A_prev (10, 4, 4, 3), W (2, 2, 3, 8), b (1, 1, 1, 8), pad 2, stride 2, dZ = Z", 1.45243777754,
     1.4524377775388075),
    ("conv_backward", "mean(dW)", ("v2", "v2a", "2021+"), "the same", 1.72699145831, 1.7269914583139094),
    ("conv_backward", "mean(db)", ("v2", "v2a", "2021+"), "the same", 7.83923256462, 7.839232564616838),
    ("create_mask_from_window", "mask", ("v1", "v2", "v2a", "2021+"), "x (2, 3)",
     ((True, False, False), (False, False, False)), ((True, False, False), (False, False, False))),
    ("distribute_value", "a", ("v1", "v2", "v2a", "2021+"), "dz 2, shape (2, 2)",
     ((0.5, 0.5), (0.5, 0.5)), ((0.5, 0.5), (0.5, 0.5))),
    ("pool_backward", "dA_prev[1, 1] (max)", ("v1", "v2", "v2a", "2021+"),
     "A_prev (5, 5, 3, 2), f 2, stride 1, then dA (5, 4, 2, 2)",
     ((0.0, 0.0), (5.05844394, -1.68282702), (0.0, 0.0)),
     ((0.0, 0.0), (5.0584439353, -1.6828270216), (0.0, 0.0))),
    ("pool_backward", "dA_prev[1, 1] (average)", ("v1", "v2", "v2a", "2021+"), "the same",
     ((0.08485462, 0.2787552), (1.26461098, -0.25749373), (1.17975636, -0.53624893)),
     ((0.0848546249, 0.2787551982), (1.2646109838, -0.2574937269), (1.1797563589, -0.5362489252))),
)

BIAS_IN_THE_SUM_NOTE = (
    "conv_single_step adds b inside the sum (b is counted f * f * n_C_prev times), as the course's first "
    "notebook (v1, 2017) told learners to: 'Element-wise product between a_slice and W. Add bias.' Its expected "
    "outputs come from that: Z = -23.1602122025 where the right value (b added once, as v2 and later say) is "
    "-6.99908945068; conv_forward's mean(Z) 0.155859324889, right 0.00281294628649; and conv_backward's means "
    "(9.60899067587, 10.5817412755, 76.3710691956) are those of the v1 forward's Z, right 4.11458170491, "
    "9.20367719901, 1.37834368038 (docs/derivations.md, 'What the course printed')")
