"""`assembler import`: existing Claude Code agent files in, manifests out, losslessly.

`convert` maps an agent file (read by `claudecode.reader`) to manifest data, `tomlwrite` writes that data
as a manifest a person could have written, `run` checks every imported agent against the catalog's rules
and writes the manifests (all of them, or none), and `roundtrip` compares a source with the agent built
from its manifest.
"""
