"""Benchmarks of the generator and the MkDocs render on synthetic content (issue 7).

`python -m bench.synthetic N DIR` writes a content directory with N explainers;
`python -m bench.run` measures whole-process timings on it (see docs/performance.md).
"""
