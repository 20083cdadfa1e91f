"""Tools that serve the app as production does and measure it: `make bench` (speed) and
`make drill` (no saved word lost under failures)."""
