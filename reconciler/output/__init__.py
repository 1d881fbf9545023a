"""What a run writes: the JSON contract, the CSV ledger, atomic writes."""
