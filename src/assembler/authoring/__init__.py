"""Writing a catalog's sources: `assembler init` (a new catalog) and `assembler new` (a new agent, from a
template or copied from another agent). Every file written validates as it stands."""
