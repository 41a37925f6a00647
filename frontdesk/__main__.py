"""``python -m frontdesk``: the same as the ``frontdesk`` GUI entry point."""

import sys

from frontdesk.app import main

sys.exit(main())
