"""The modal-runner tool's runtime: standard-library Python, spliced into `_generated/<name>.py` by the build.

Each module is a real, typed, tested module of this package. The build (`assembler.toolkinds.modal_splice`)
concatenates them in a fixed order into one file: the imports of the standard library are merged at the
top, the relative imports between these modules are dropped (they are the only imports the splicer drops,
and the only non-standard ones it accepts), and the templated region of `data` is replaced by the
manifest's figures. Here, that region holds the figures of the test table, so the package runs as it is.
"""
