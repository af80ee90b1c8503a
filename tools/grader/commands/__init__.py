"""The grader's commands: each takes the cli's Context, runs, diagnoses or draws through the
other packages, prints for the learner and returns the exit code."""
