"""The checker's entry (checker.py: any assignment, by the engine), check points and comparisons, and
the cat network's whole-network checks its declaration hands on (model, update, Application)."""
