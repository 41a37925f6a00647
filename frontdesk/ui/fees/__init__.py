"""Screen F5 (supervisor): fee items and their rates (收费标准), and the monthly bill run."""
