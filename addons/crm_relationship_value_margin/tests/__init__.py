from . import test_value_margin
