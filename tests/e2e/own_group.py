#!/usr/bin/env python3
"""own_group.py: runs a command as the leader of a process group of its own.

Usage: own_group.py COMMAND [ARG...]

Restores SIGINT's default action (a background job of a shell script
ignores it), makes a new session with setsid() and execs COMMAND, so that
`kill -s INT -- -PID` reaches COMMAND and its children as a terminal's
Ctrl-C would (issue 32.8's interrupted `make variants`).
"""
import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.setsid()
os.execvp(sys.argv[1], sys.argv[1:])
