"""Staff learn from real conversations: the review of stored conversations (masked), the
corrections that become training examples, and what a trained model contains yet."""
