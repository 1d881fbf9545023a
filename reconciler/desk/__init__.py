"""The editor's desk: decisions on findings, the history of runs, ClaimReview export, and the
W3C selectors that keep evidence anchored when articles are edited."""
