"""Claude Code, the first target: its vocabulary (tools, models, field values), the frontmatter it reads,
how it reads an agent file, and the checks of what a manifest says in its terms.

Everything here follows Claude Code 2.1.332 as read from its npm package (see README, "Claude Code"); when
Claude Code changes, this package is the one place to change.
"""
