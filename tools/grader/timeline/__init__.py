"""Thread traces (tests/support/trace.h): the model of what each thread did in each test
(model.py), and its drawings as text or SVG (draw.py)."""
