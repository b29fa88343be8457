"""The courses' own Python packages, rebuilt by manual-dnn (never copied): the modules a course gave
its learners ready-made, served to a learner's package that lacks them (reference.learner.packages).

Each subpackage mirrors one course package's layout; its ``SUPPLIED`` names the modules the course
wrote (a learner's package may hold the learner's own versions, which are then used instead). They
run inside the learner's package, so their relative imports reach the learner's own modules.
Numpy only: the learner's sandbox imports them.
"""
