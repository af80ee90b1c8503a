"""The learner's grader: `tools/grade` (see cli.py). Python 3 standard library only."""
