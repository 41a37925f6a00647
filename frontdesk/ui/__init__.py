"""The Qt user interface. Importing it applies the PySide6 workarounds first."""

from frontdesk.ui.pyside_fixes import protect_singletons

protect_singletons()
