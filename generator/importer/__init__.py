"""`policysite import`: from a published document to a draft plan.yaml that staff review.

One module per step: extract (file → text), clean (extraction artifacts → corrections),
layout (lines → paragraphs), header (notice and imprint), body (numbering → nodes and kinds),
responsibility (brackets → organisations), proposals (themes, audiences, candidate
commitments), assemble (all of it → the draft's values and review notes), draft (YAML with
“# 请核对：” comments), run (the command: files, registry additions, the Chinese summary).
"""
