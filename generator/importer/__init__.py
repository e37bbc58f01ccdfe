"""`policysite import`: from a published document to a draft plan.yaml that staff review.

One module per step: extract (file → text), clean (extraction artifacts → corrections),
layout (lines → paragraphs), header (notice and imprint), body (numbering → nodes and kinds),
responsibility (brackets → organisations, registry), proposals (themes, audiences, candidate
commitments), draft (YAML with review comments), run (the command).
"""
