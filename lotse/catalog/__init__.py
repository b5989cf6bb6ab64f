"""The course catalogue: providers and courses, their import, and the search over them."""
