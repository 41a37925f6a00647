"""The reception screen: sign visitors in and out, who is in, the visitor log."""
