"""Screen F3: the cash drawer (钱箱) at this desk and the day close (日结)."""
