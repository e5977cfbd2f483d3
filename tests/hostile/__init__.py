"""The hostile-input corpus: broken and malicious decision trees, generated from the base fixture."""
