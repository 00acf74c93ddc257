"""inproc: runs a Python script of the tests as `python3 SCRIPT ARG...`
would, in this process, for the checks that run one script many times
(tests/e2e/a11y_check.py, paper_periods_batch.py, periods_counted.py):
each run has a namespace of its own, as a process would.
"""
import contextlib
import runpy
import sys
import traceback


def run_script(path, args, out=None):
    """Runs the script at path with the arguments args, its standard
    output to the file out when one is named (else this process's).
    Returns its exit status: sys.exit()'s (a message given to it printed,
    status 1), 0 when it ends, 1 after an exception (its traceback
    printed)."""
    argv = sys.argv
    sys.argv = [path] + list(args)
    try:
        with contextlib.ExitStack() as stack:
            if out is not None:
                f = stack.enter_context(open(out, "w", encoding="utf-8"))
                stack.enter_context(contextlib.redirect_stdout(f))
            runpy.run_path(path, run_name="__main__")
        return 0
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            return e.code or 0
        print(e.code)
        return 1
    except Exception:
        traceback.print_exc(file=sys.stdout)
        return 1
    finally:
        sys.argv = argv
