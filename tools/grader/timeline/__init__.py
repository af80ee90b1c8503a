"""Thread traces (tests/support/trace.h): the model of what each thread did in each test
(model.py), which calls were the learner's and which the test's (symbols.py, through
addr2line), and its drawings as text or SVG (draw.py)."""
