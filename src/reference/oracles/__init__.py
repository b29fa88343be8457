"""Three independent ways to get a gradient, none sharing code with manual_dnn."""
